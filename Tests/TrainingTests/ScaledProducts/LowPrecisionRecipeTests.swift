import Foundation
import Precision
import Testing
import Training

@Suite("Low-precision recipes: names, formats and coding")
struct LowPrecisionRecipeTests {
    @Test(arguments: [
        (PrecisionPolicy.scaled(.hybrid(.delayed())), "scaled(e4m3 tensor delayed, gradients e5m2 tensor delayed)"),
        (.scaled(.hybrid(.current)), "scaled(e4m3 tensor current, gradients e5m2 tensor current)"),
        (.scaled(.mxfp8()), "scaled(mx e4m3 rceil)"),
        (.scaled(.fineGrained().accumulating(in: LimitedAccumulator())), "scaled(e4m3 tiles 32, accumulator 14 bits every 128)"),
        (.scaled(.nvfp4), "scaled(nvfp4)"),
        (.scaled(LowPrecisionRecipe(forward: .tensor(.e4m3fn, .delayed(historyLength: 16, algorithm: .mostRecent)),
                                    backward: .mx(.e2m3fn, rule: .floor))),
         "scaled(e4m3 tensor delayed(16, mostRecent), gradients mx e2m3 floor)"),
    ])
    func policyNames(_ policy: PrecisionPolicy, _ name: String) {
        #expect(policy.description == name)
    }

    /// Only the products are low: parameters, their gradients and the optimizer are FP32.
    @Test func formats() {
        let policy = PrecisionPolicy.scaled(.nvfp4)
        #expect(policy.parameterFormat == .fp32)
        #expect(policy.optimizerFormat == .fp32)
        #expect(!policy.hasMasterCopy)
        #expect(policy.lowFormat == .e2m1fn)
    }

    @Test(arguments: [LowPrecisionRecipe.hybrid(.delayed()), .fineGrained(tileSize: 16), .mxfp8(rule: .floor),
                      LowPrecisionRecipe.nvfp4.accumulating(in: LimitedAccumulator(mantissaBits: 10, promotionInterval: 64))])
    func aPolicyDecodesAsItWasEncoded(recipe: LowPrecisionRecipe) throws {
        let policy = PrecisionPolicy.scaled(recipe)
        #expect(try JSONDecoder().decode(PrecisionPolicy.self, from: JSONEncoder().encode(policy)) == policy)
    }

    /// What the initialisers refuse, decoding refuses too, with a message that names it.
    @Test(arguments: [
        (LowPrecisionRecipe.fineGrained(tileSize: 16), "16", "0", "a tile of 0 elements"),
        (.hybrid(.delayed(historyLength: 16)), "16", "0", "a delayed-scaling history of 0 steps"),
        (.nvfp4.accumulating(in: LimitedAccumulator(mantissaBits: 14)), "14", "30", "mantissaBits is 30"),
    ])
    func decodingChecksTheRecipe(recipe: LowPrecisionRecipe, valid: String, invalid: String, message: String) throws {
        let text = String(decoding: try JSONEncoder().encode(recipe), as: UTF8.self)
        #expect(text.contains(":\(valid)"))
        let broken = Data(text.replacingOccurrences(of: ":\(valid)", with: ":\(invalid)").utf8)
        do {
            _ = try JSONDecoder().decode(LowPrecisionRecipe.self, from: broken)
            Issue.record("decoded \(String(decoding: broken, as: UTF8.self))")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains(message), "\(context.debugDescription)")
        }
    }
}
