import Foundation
import Testing

/// `mantissa quantize`: numbers in, MX blocks out. The expected blocks are worked out by
/// hand from the rules (OCP MX v1.0's floor, cuBLAS's rceil) and E2M1's values
/// ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}.
@Suite struct QuantizeTests {
    func quantize(_ arguments: [String], input: String) throws -> Run {
        let file = try Paths.temporaryDirectory().appending(path: "input")
        try Data(input.utf8).write(to: file)
        return try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "input=$1; shift; \"$0\" quantize \"$@\" < \"$input\"",
                                                         Paths.binary("mantissa").path, file.path] + arguments)
    }

    func blocks(_ run: Run) throws -> [[String: Any]] {
        try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("floor saturates the largest element; rceil does not, but rounds 3.5 up to 4 and loses the smallest")
    func floorAgainstRceil() throws {
        // amax 7: floor gives X = 2^(⌊log2 7⌋ − 2) = 1, and 7 saturates to 6;
        // rceil gives X = 2 (7 / 6 rounded up), so 7 / 2 = 3.5, a tie that goes to the even 4.
        let floor = try blocks(try quantize(["--element", "e2m1fn", "--json"], input: "7\n1\n0.5\n"))
        #expect(floor.count == 1)
        #expect(floor.first?["scale_e8m0"] as? Int == 127 && floor.first?["scale"] as? Double == 1)
        #expect(floor.first?["values"] as? [Double] == [6, 1, 0.5])
        let rceil = try blocks(try quantize(["--element", "e2m1fn", "--scaling", "rceil", "--json"], input: "7\n1\n0.5\n"))
        #expect(rceil.first?["scale_e8m0"] as? Int == 128 && rceil.first?["scale"] as? Double == 2)
        #expect(rceil.first?["values"] as? [Double] == [8, 1, 0])
    }

    @Test("blocks are consecutive, the last one shorter; zeros get code 0, and inf makes its block NaN")
    func blocksAndEdges() throws {
        let out = try blocks(try quantize(["--element", "e4m3fn", "--block", "2", "--json"], input: "0\n-0\n448\n1\ninf\n"))
        #expect(out.map { $0["block"] as? Int } == [0, 1, 2])
        #expect(out[0]["scale_e8m0"] as? Int == 0 && out[0]["values"] as? [Double] == [0, 0])
        // amax 448 = 1.75 · 2^8, E4M3's emax is 8: X = 1, both values exact.
        #expect(out[1]["scale_e8m0"] as? Int == 127 && out[1]["values"] as? [Double] == [448, 1])
        #expect(out[2]["scale_e8m0"] as? Int == 255 && out[2]["scale"] as? String == "nan")
        #expect(out[2]["values"] as? [String] == ["nan"])
    }

    @Test("the human output names each block's scale and shows each value's error")
    func humanOutput() throws {
        let result = try quantize(["--element", "e2m1fn"], input: "7\n1\n0.3\n")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("block 0: scale 2^0 (E8M0 code 127), largest magnitude 7\n"), "\(result.stdout)")
        let rows = result.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").map(String.init) }
        #expect(rows == [["7", "6", "6", "-1"], ["1", "1", "1", "0"], ["0.3", "0.5", "0.5", "0.19999998807907104"]], "\(rows)")
    }

    @Test("bad input is refused, naming the line, and nothing is printed")
    func badLine() throws {
        let result = try quantize(["--element", "e2m1fn"], input: "1\n\ntwo\n3\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("line 3: 'two' is not a number"), "\(result.stderr)")
    }

    @Test("bad options say what is accepted", arguments: [
        (["--element", "fp16"], "unknown element format 'fp16'; elements: e4m3fn, e5m2, e2m3fn, e3m2fn, e2m1fn"),
        (["--element", "e2m1fn", "--block", "0"], "--block must be at least 1"),
        (["--element", "e2m1fn", "--scaling", "round"], "unknown scaling 'round'; use floor or rceil"),
        (["--element", "nvfp4"], "--element e2m1fn gives MXFP4"),
    ])
    func badOptions(_ arguments: [String], _ message: String) throws {
        let result = try quantize(arguments, input: "1\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
