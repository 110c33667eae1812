import Precision
import Testing

/// `nextUp` / `nextDown` against the order of every decoded value.
@Suite("Neighbouring values")
struct NeighbourTests {
    @Test("nextUp and nextDown step through the values in decode order",
          arguments: [FloatFormat.tf32, .bf16, .fp16, .e4m3fn, .e5m2] + FloatFormat.microscaling)
    func walk(format: FloatFormat) throws {
        // Every non-NaN code, sorted by value, −0 just before +0.
        let ordered = (0..<UInt32(format.codeCount))
            .filter { format.classify($0) != .nan }
            .map { (code: $0, value: format.decode($0)) }
            .sorted { ($0.value, $0.value.sign == .minus ? 0 : 1) < ($1.value, $1.value.sign == .minus ? 0 : 1) }
        var mismatches = Mismatches()
        for (index, entry) in ordered.enumerated() {
            // IEEE nextUp: the first code whose value is strictly greater (so −0 and +0 both
            // step to the smallest subnormal, and −minSubnormal steps to −0).
            let above = ordered[(index + 1)...].first { $0.value > entry.value }?.code
            let below = ordered[..<index].last { $0.value < entry.value }?.code
            let up = format.nextUp(entry.code)
            let down = format.nextDown(entry.code)
            if up != above {
                mismatches.record("nextUp(\(format.hex(entry.code))) = \(up.map(format.hex) ?? "nil"), expected \(above.map(format.hex) ?? "nil")")
            }
            if down != below {
                mismatches.record("nextDown(\(format.hex(entry.code))) = \(down.map(format.hex) ?? "nil"), expected \(below.map(format.hex) ?? "nil")")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.summary)")
    }

    @Test("NaN has no neighbours; the ends are nil", arguments: FloatFormat.all)
    func ends(format: FloatFormat) {
        let nan = format.encode(.nan)
        #expect(format.nextUp(nan) == nil && format.nextDown(nan) == nil)
        let top = format.encode(.infinity)
        if format.hasInfinity {
            #expect(format.nextUp(top) == nil)
            #expect(format.nextDown(format.encode(-.infinity)) == nil)
        } else {
            let max = format.encode(Float(format.maxValue))
            #expect(format.nextUp(max) == nil, "E4M3FN's 448 is the end")
            #expect(format.nextDown(format.encode(-Float(format.maxValue))) == nil)
        }
    }
}
