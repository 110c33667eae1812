import Precision
import Testing
import Training

/// Softmax and log-softmax, naive and stable, in FP32, FP16 and BF16 against PyTorch's CPU
/// ops (`Oracle/softmax.json`, written by `Oracle/softmax.py`): the compositions chapter 10
/// shows, built from the tape's ops under `.pure(format)`, where every op computes in FP32
/// and rounds its result to the format once, as PyTorch's CPU ops do. Every NaN, infinity
/// and zero matches exactly; other values within an ulp (see ``matches(_:_:format:)``).
///
/// To re-record it: `python3 Tests/TrainingTests/Oracle/softmax.py`, then commit the JSON.
@Suite("Naive and stable softmax in low precision against PyTorch")
struct SoftmaxOracleTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let row: String
        let dtype: String
        let x, naive, stable, naiveLog, stableLog: LayerOracle.Entry

        enum CodingKeys: String, CodingKey {
            case row, dtype, x, naive, stable, naiveLog = "naive_log", stableLog = "stable_log"
        }

        var testDescription: String { "\(row) in \(dtype)" }

        var format: FloatFormat {
            switch dtype {
            case "fp16": .fp16
            case "bf16": .bf16
            default: .fp32
            }
        }
    }

    private struct File: OracleFile {
        static let fileName = "softmax.json"
        let cases: [Case]
    }

    static let cases: [Case] = (try? File.load().cases) ?? []

    @Test("The oracle file holds every row in every format")
    func caseList() throws {
        let cases = try File.load().cases
        #expect(cases.count == 18)
        #expect(Set(cases.map(\.dtype)) == ["fp32", "fp16", "bf16"])
    }

    /// Whether `got` matches PyTorch's `expected` in `format`: NaN where it has NaN, the same
    /// infinity, 0 where it has 0, and elsewhere within `ulps` units in the last place of the
    /// format (``FormatULPs``). The two compute each op's FP32 value with different `exp` and
    /// `log` (glibc's and SLEEF's, each within an FP32 ulp or so) and sum in a different
    /// order, so an FP32 result may differ in its last bits, and a rounded one by an ulp of
    /// its format when the FP32 value lies near a tie. The special values, which are what
    /// the chapter is about, must agree exactly.
    static func matches(_ got: [Float], _ expected: [Float], format: FloatFormat) -> Bool {
        let ulps: UInt64 = format == .fp32 ? 4 : 1
        return got.count == expected.count && zip(got, expected).allSatisfy { a, b in
            if a.isInfinite || b.isInfinite || a == 0 || b == 0 { return a == b }
            guard let distance = FormatULPs.distance(a, b, in: format) else { return false }
            return distance <= ulps
        }
    }

    @Test("The tape's compositions give PyTorch's values and special values", arguments: cases)
    func matchesPyTorch(_ oracle: Case) {
        var tape = Tape(policy: oracle.format == .fp32 ? .fp32 : .pure(oracle.format))
        let x = tape.input(oracle.x.tensor(format: oracle.format))  // finite: no NaN to trap on
        let exponentials = tape.exp(x)
        let naive = tape.divide(exponentials, tape.sum(exponentials))
        let (stable, naiveLog, stableLog) = (tape.softmax(x), tape.log(naive), tape.logSoftmax(x))
        let results = [
            ("naive", naive, oracle.naive), ("stable", stable, oracle.stable),
            ("naive log", naiveLog, oracle.naiveLog), ("stable log", stableLog, oracle.stableLog),
        ]
        for (name, variable, expected) in results {
            let got = tape.value(variable)
            #expect(got.format == oracle.format, "\(name)")
            #expect(Self.matches(got.scalars, expected.floats ?? [], format: oracle.format),
                    "\(name): \(got.scalars) against PyTorch's \(expected.floats ?? [])")
        }
    }
}
