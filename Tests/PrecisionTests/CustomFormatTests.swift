import Precision
import Testing

/// `FloatFormat.custom` validation.
@Suite("Custom formats")
struct CustomFormatTests {
    struct Rejection: Sendable, CustomTestStringConvertible {
        let exponentBits: Int
        let mantissaBits: Int
        var bias: Int?
        var hasInfinity = true
        var nanEncoding = FloatFormat.NaNEncoding.ieee
        var overflow = FloatFormat.Overflow.infinity
        var hasSign = true
        var hasZero = true
        let error: FormatError

        var testDescription: String { "E\(exponentBits)M\(mantissaBits) -> \(error)" }
    }

    static let rejections: [Rejection] = [
        Rejection(exponentBits: 1, mantissaBits: 3, error: .exponentBitsOutOfRange(1)),
        Rejection(exponentBits: 9, mantissaBits: 3, error: .exponentBitsOutOfRange(9)),
        Rejection(exponentBits: 0, mantissaBits: 0, error: .exponentBitsOutOfRange(0)),
        Rejection(exponentBits: 5, mantissaBits: 24, error: .mantissaBitsOutOfRange(24)),
        Rejection(exponentBits: 5, mantissaBits: -1, error: .mantissaBitsOutOfRange(-1)),
        Rejection(exponentBits: 4, mantissaBits: 3, nanEncoding: .allOnes, overflow: .nan,
                  error: .infinityNeedsIEEENaN),
        Rejection(exponentBits: 4, mantissaBits: 3, hasInfinity: false, overflow: .nan,
                  error: .ieeeNaNNeedsInfinity),
        Rejection(exponentBits: 4, mantissaBits: 0, error: .ieeeNaNNeedsMantissa),
        Rejection(exponentBits: 4, mantissaBits: 3, hasInfinity: false, nanEncoding: .allOnes,
                  error: .overflowToMissingInfinity),
        Rejection(exponentBits: 8, mantissaBits: 7, bias: 126, error: .maxExponentBeyondFloat(128)),
        Rejection(exponentBits: 5, mantissaBits: 10, bias: -120, error: .maxExponentBeyondFloat(150)),
        Rejection(exponentBits: 8, mantissaBits: 10, bias: 152, error: .minSubnormalBelowFloat(-161)),
        Rejection(exponentBits: 8, mantissaBits: 23, bias: 128, error: .minSubnormalBelowFloat(-150)),
        Rejection(exponentBits: 2, mantissaBits: 1, nanEncoding: .noNaN, error: .infinityNeedsIEEENaN),
        Rejection(exponentBits: 2, mantissaBits: 1, hasInfinity: false, nanEncoding: .noNaN, overflow: .nan,
                  error: .overflowToMissingNaN),
        Rejection(exponentBits: 2, mantissaBits: 1, hasInfinity: false, nanEncoding: .noNaN, overflow: .saturate,
                  hasSign: false, error: .unsignedNeedsNaN),
        Rejection(exponentBits: 8, mantissaBits: 0, bias: 127, hasInfinity: false, nanEncoding: .allOnes,
                  overflow: .nan, hasZero: false, error: .zerolessNeedsUnsigned),
        // Without zero the smallest value is 2^-bias, a normal: bias 150 puts it at 2^-150.
        Rejection(exponentBits: 8, mantissaBits: 0, bias: 150, hasInfinity: false, nanEncoding: .allOnes,
                  overflow: .nan, hasSign: false, hasZero: false, error: .minSubnormalBelowFloat(-150)),
    ]

    @Test("nonsense is rejected with the documented error", arguments: rejections)
    func rejects(_ rejection: Rejection) {
        #expect(throws: rejection.error) {
            try FloatFormat.custom(
                name: "bad", exponentBits: rejection.exponentBits, mantissaBits: rejection.mantissaBits,
                bias: rejection.bias, hasInfinity: rejection.hasInfinity,
                nanEncoding: rejection.nanEncoding, overflow: rejection.overflow,
                hasSign: rejection.hasSign, hasZero: rejection.hasZero)
        }
    }

    @Test("error messages name the value and what would be accepted")
    func messages() {
        #expect(FormatError.exponentBitsOutOfRange(9).description == "exponentBits is 9; it must be between 2 and 8")
        #expect(FormatError.mantissaBitsOutOfRange(24).description == "mantissaBits is 24; it must be between 0 and 23")
        #expect(FormatError.minSubnormalBelowFloat(-161).description.contains("decrease bias by at least 12"))
        #expect(FormatError.maxExponentBeyondFloat(128).description.contains("increase bias by at least 1"))
        #expect(FormatError.infinityNeedsIEEENaN != FormatError.ieeeNaNNeedsInfinity)
    }

    @Test("defaults give the IEEE layout; FP16 rebuilt from custom equals fp16 up to the name")
    func defaults() throws {
        let half = try FloatFormat.custom(name: "FP16", exponentBits: 5, mantissaBits: 10)
        #expect(half == .fp16)
        let renamed = try FloatFormat.custom(name: "half", exponentBits: 5, mantissaBits: 10)
        #expect(renamed != .fp16, "equality includes the name")
        #expect(renamed.encode(1.5) == FloatFormat.fp16.encode(1.5))
    }

    @Test("the smallest and widest accepted layouts convert exactly")
    func extremes() throws {
        let tiny = try FloatFormat.custom(name: "E2M0", exponentBits: 2, mantissaBits: 0, hasInfinity: false,
                                          nanEncoding: .allOnes, overflow: .saturate)
        // Codes 0...2 of the 3-bit magnitude are 0, 1, 2; 3 is NaN.
        #expect((0..<8).map { tiny.decode($0) }.filter { !$0.isNaN } == [0, 1, 2, -0.0, -1, -2])
        #expect(tiny.encode(1.5) == 2 && tiny.encode(0.5) == 0 && tiny.encode(100) == 2)
        #expect(tiny.classify(3) == .nan && tiny.minSubnormal == tiny.minNormal)
        let lowest = try FloatFormat.custom(name: "E8M22 bias 128", exponentBits: 8, mantissaBits: 22, bias: 128)
        // Its smallest subnormal is Float's 2^-149 and its largest value is near 2^127.
        #expect(lowest.decode(1).bitPattern == 1)
        #expect(lowest.encode(Float(bitPattern: 1)) == 1)
        #expect(lowest.maxExponent == 126 && lowest.encode(.greatestFiniteMagnitude) == 0x7F80_0000 >> 1)
    }
}
