import Foundation
import Testing

/// `mantissa quantize`: numbers in, MX or NVFP4 blocks out. The expected blocks are worked
/// out by hand from the rules (OCP MX v1.0's floor, cuBLAS's rceil, NVFP4's two-level
/// scale) and E2M1's values ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}.
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

    /// 16 values whose amax, 42 = 6 · 7, makes the tensor scale 42 / 2688 = 2^-6, then a
    /// small block of three.
    static let nvfp4Input = ["42", "21", "-10.5", "7", "3.5", "1.75", "5.25", "17.5", "35"]
        + Array(repeating: "0", count: 7) + ["1", "0.5", "-0.25"]

    @Test("nvfp4: blocks of 16 with their E4M3 scale and the tensor scale in JSON")
    func nvfp4JSON() throws {
        let out = try blocks(try quantize(["--element", "nvfp4", "--json"], input: Self.nvfp4Input.joined(separator: "\n")))
        #expect(out.count == 2)
        // Block 0: (42 / 6) / 2^-6 = 448, times 2^-6 = 7; x / 7 rounds 0.25 → 0, 0.75 → 1,
        // 2.5 → 2 and 5 → 4 (ties to even).
        #expect(out[0]["scale_e4m3"] as? Double == 448 && out[0]["tensor_scale"] as? Double == 0.015625)
        #expect(out[0]["scale"] as? Double == 7 && out[0]["scale_e8m0"] == nil)
        #expect((out[0]["values"] as? [Double]).map { Array($0.prefix(9)) } == [42, 21, -10.5, 7, 3.5, 0, 7, 14, 28])
        // Block 1: Float(1/6) · 64 = 10.67 → E4M3 11; 11/64 = 0.171875; 1 / 0.171875 = 5.8 → 6,
        // 0.5 → 2.9 → 3, -0.25 → -1.45 → -1.5.
        #expect(out[1]["scale_e4m3"] as? Double == 11 && out[1]["scale"] as? Double == 0.171875)
        #expect(out[1]["values"] as? [Double] == [1.03125, 0.515625, -0.2578125])
    }

    @Test("nvfp4's human output names the tensor scale, then each block's E4M3 scale")
    func nvfp4Human() throws {
        let result = try quantize(["--element", "nvfp4"], input: Self.nvfp4Input.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "tensor scale 0.015625 (largest finite magnitude 42 / (6 · 448))", "\(result.stdout)")
        #expect(lines.contains("block 0: scale 448 (E4M3) × tensor scale = 7, largest magnitude 42"), "\(result.stdout)")
        #expect(lines.contains("block 1: scale 11 (E4M3) × tensor scale = 0.171875, largest magnitude 1"), "\(result.stdout)")
        #expect(lines.contains { $0.split(separator: " ").map(String.init) == ["-0.25", "-1.5", "-0.2578125", "-0.0078125"] },
                "\(result.stdout)")
    }

    @Test("nvfp4: a block holding inf gets E4M3's NaN, and the tensor scale ignores it")
    func nvfp4NonFinite() throws {
        let input = ["42"] + Array(repeating: "1", count: 15) + ["inf", "2"]
        let out = try blocks(try quantize(["--element", "nvfp4", "--block", "16", "--json"], input: input.joined(separator: "\n")))
        #expect(out.count == 2 && out[0]["tensor_scale"] as? Double == 0.015625)
        #expect(out[1]["scale_e4m3"] as? String == "nan" && out[1]["values"] as? [String] == ["nan", "nan"])
    }

    @Test("bad input is refused, naming the line, and nothing is printed")
    func badLine() throws {
        let result = try quantize(["--element", "e2m1fn"], input: "1\n\ntwo\n3\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("line 3: 'two' is not a number"), "\(result.stderr)")
    }

    @Test("bad options say what is accepted", arguments: [
        (["--element", "fp16"], "unknown element format 'fp16'; elements: e4m3fn, e5m2, e2m3fn, e3m2fn, e2m1fn, nvfp4"),
        (["--element", "e2m1fn", "--block", "0"], "--block must be at least 1"),
        (["--element", "e2m1fn", "--scaling", "round"], "unknown scaling 'round'; use floor or rceil"),
        (["--element", "nvfp4", "--block", "32"], "nvfp4 blocks hold 16 values; --block 32 is not available with nvfp4"),
        (["--element", "nvfp4", "--scaling", "rceil"], "--scaling rceil does not apply to nvfp4"),
    ])
    func badOptions(_ arguments: [String], _ message: String) throws {
        let result = try quantize(arguments, input: "1\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
