import Foundation
import Testing

/// `mantissa inspect`, as an engineer uses it. The numeric core is checked against
/// ml_dtypes in PrecisionTests; these check the command: reading values, naming
/// formats, reporting, and what it says at the edges the book teaches.
@Suite struct InspectTests {
    func inspect(_ arguments: [String], input: String? = nil) throws -> Run {
        guard let input else { return try run(Paths.binary("mantissa"), ["inspect"] + arguments) }
        let file = try Paths.temporaryDirectory().appending(path: "input")
        try Data(input.utf8).write(to: file)
        return try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "input=$1; shift; \"$0\" inspect \"$@\" < \"$input\"", Paths.binary("mantissa").path, file.path] + arguments)
    }

    func objects(_ run: Run) throws -> [[String: Any]] {
        try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("FP16 at its largest values", arguments: [
        ("65504", "0x7bff", "65504", false), ("65519", "0x7bff", "65504", false),
        ("65520", "0x7c00", "inf", true), ("1e5", "0x7c00", "inf", true),
    ])
    func fp16Top(_ input: String, _ bits: String, _ value: String, _ overflow: Bool) throws {
        let outcome = try inspect([input, "--format", "fp16", "--json"])
        let object = try #require(try objects(outcome).first)
        #expect(object["bits"] as? String == bits)
        #expect("\(object["value"] ?? "")" == value)
        #expect(object["overflow"] as? Bool == overflow)
        #expect(object["format"] as? String == "fp16" && object["rounding"] as? String == "nearest-even")
    }

    @Test("the microscaling formats by name: FP6 and FP4 saturate and say they overflowed", arguments: [
        ("e2m3fn", "7.75", "0x1f", "7.5", true), ("e3m2fn", "30", "0x1f", "28", true),
        ("e2m1fn", "-7", "0xf", "-6", true), ("e2m1fn", "2.5", "0x4", "2", false),
        ("e8m0", "3", "0x81", "4", false), ("e8m0", "0.75", "0x7f", "1", false),
    ])
    func microscaling(_ format: String, _ input: String, _ bits: String, _ value: String, _ overflow: Bool) throws {
        let object = try #require(try objects(try inspect(["--format", format, "--json"], input: input + "\n")).first)
        #expect(object["format"] as? String == format)
        #expect(object["bits"] as? String == bits)
        #expect("\(object["value"] ?? "")" == value)
        #expect(object["overflow"] as? Bool == overflow)
    }

    @Test("E8M0 has no zero and no negatives; FP4 has no NaN: each is said in a note")
    func microscalingNotes() throws {
        let e8m0 = try inspect(["--format", "e8m0"], input: "0\n-2\n")
        #expect(e8m0.stdout.contains("E8M0 has no zero: the result is NaN"))
        #expect(e8m0.stdout.contains("E8M0 has no negative values: the result is NaN"))
        #expect(e8m0.stdout.contains("bits     11111111  (0xff, NaN)"))
        let fp4 = try objects(try inspect(["--format", "e2m1fn", "--json"], input: "nan\n-nan\n"))
        #expect(fp4.map { $0["bits"] as? String } == ["0x8", "0x0"])
        #expect(try inspect(["--format", "e2m1fn"], input: "nan\n").stdout.contains("FP4 E2M1FN has no NaN"))
    }

    @Test("E4M3FN overflows to NaN, or saturates when asked")
    func e4m3fn() throws {
        let plain = try #require(try objects(try inspect(["500", "--format", "e4m3fn", "--json"])).first)
        #expect(plain["value"] as? String == "nan" && plain["bits"] as? String == "0x7f")
        let saturated = try #require(try objects(try inspect(["500", "--format", "e4m3fn", "--saturate", "--json"])).first)
        #expect(saturated["value"] as? Int == 448 && saturated["bits"] as? String == "0x7e")
        #expect(saturated["overflow"] as? Bool == true)
    }

    @Test("a number beyond FP32's range says it was read as inf, however large", arguments: ["1e39", "1e400", "1e99999"])
    func beyondRange(_ input: String) throws {
        let outcome = try inspect([input, "--format", "fp16"])
        #expect(outcome.stdout.contains("beyond FP32's range and was read as"), "\(outcome.stdout)")
    }

    @Test("a spelled infinity gets no note", arguments: ["inf", "-inf", "infinity"])
    func spelledInfinity(_ input: String) throws {
        let outcome = try inspect([input, "--format", "fp16"])
        #expect(!outcome.stdout.contains("was read as"), "\(outcome.stdout)")
    }

    @Test("negative option values get the option's own error, not \"Missing value\"", arguments: [
        (["inspect", "1", "--seed", "-1"], "--seed"), (["check", "--timeout", "-1"], "--timeout must be positive"),
        (["build", "--jobs", "-2"], "--jobs must be at least 1"),
    ])
    func negativeValues(_ arguments: [String], _ expected: String) throws {
        let outcome = try run(Paths.binary("mantissa"), arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(expected) && !outcome.stderr.contains("Missing value"), "\(outcome.stderr)")
    }

    @Test("tiny values: subnormal, then zero")
    func underflow() throws {
        let list = try objects(try inspect(["0x1p-24", "1e-8", "--format", "fp16", "--json"]))
        #expect(list.map { $0["bits"] as? String } == ["0x0001", "0x0000"])
        #expect(list.map { $0["category"] as? String } == ["subnormal", "zero"])
        #expect(list.map { $0["underflow"] as? Bool } == [false, true])
    }

    @Test("input is read as FP32 by one correct rounding, not twice through float64")
    func singleRounding() throws {
        // Just above the midpoint between 1 and 1 + 2^-23: float64 first rounds it to the
        // midpoint itself, and float32 then rounds that tie to even, down to 1.
        let object = try #require(try objects(try inspect(["1.000000059604644775390625000001", "--format", "fp32", "--json"])).first)
        #expect(object["bits"] as? String == "0x3f800001")
    }

    @Test("every format at once, and values from standard input")
    func allFormats() throws {
        let outcome = try inspect(["--json"], input: "0.1\n\n-2.5\n")
        let list = try objects(outcome)
        #expect(list.count == 20)
        #expect(list.map { $0["format"] as? String }.prefix(10) == [
            "fp32", "tf32", "bf16", "fp16", "e4m3fn", "e5m2", "e2m3fn", "e3m2fn", "e2m1fn", "e8m0",
        ])
        #expect(list.last?["input"] as? String == "-2.5")
    }

    @Test("a bad value is named, the others are still shown, and the exit status is 1")
    func badValue() throws {
        let outcome = try inspect(["1.5", "one", "2", "--format", "bf16"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("'one' is not a number"))
        #expect(outcome.stdout.contains("1.5 in BF16") && outcome.stdout.contains("2 in BF16"))
    }

    @Test("a bad format or mode is named, with what is accepted", arguments: [
        (["1", "--format", "fp8"],
         "unknown format 'fp8'; formats: fp32, tf32, bf16, fp16, e4m3fn, e5m2, e2m3fn, e3m2fn, e2m1fn, e8m0, all"),
        (["1", "--rounding", "banker"], "unknown rounding mode 'banker'; modes: nearest-even, nearest-away, toward-zero, up, down, stochastic"),
    ])
    func badOption(_ arguments: [String], _ message: String) throws {
        let outcome = try inspect(arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test("the human form shows bits, value, error, neighbours and notes")
    func human() throws {
        let text = try inspect(["65520", "--format", "fp16"]).stdout
        for line in ["65520 in FP16 (nearest-even)", "bits     0 11111 0000000000  (0x7c00, infinity)",
                     "between  65504 and the end of the format", "note     overflow"] {
            #expect(text.contains(line), "missing \(line) in:\n\(text)")
        }
        let tenth = try inspect(["0.1", "--format", "fp16"]).stdout
        #expect(tenth.contains("value    0.099975586  (exactly 0.0999755859375)"), "\(tenth)")
        #expect(tenth.contains("between  0.099975586 and 0.10003662"))
    }
}
