extension FloatFormat {
    /// The CLI names of the standard formats, in the order of ``all`` and then of
    /// ``microscaling``: `fp32`, `tf32`, `bf16`, `fp16`, `e4m3fn`, `e5m2`, `e2m3fn`,
    /// `e3m2fn`, `e2m1fn`, `e8m0`.
    public static let names: [String] = [
        "fp32", "tf32", "bf16", "fp16", "e4m3fn", "e5m2", "e2m3fn", "e3m2fn", "e2m1fn", "e8m0",
    ]

    /// The formats of ``names``, in the same order: ``all`` followed by ``microscaling``.
    public static let allNamed: [FloatFormat] = all + microscaling

    /// The format with CLI name `name` (one of ``names``), or `nil`.
    ///
    /// Matching ignores ASCII case, so `"BF16"` works too; nothing else is accepted (the
    /// display names such as `"FP8 E4M3FN"` are not CLI names).
    /// ```swift
    /// FloatFormat.named("e4m3fn")   // .e4m3fn
    /// FloatFormat.named("fp8")      // nil: say "expected one of " + names.joined(separator: ", ")
    /// ```
    public static func named(_ name: String) -> FloatFormat? {
        names.firstIndex(of: name.lowercased()).map { allNamed[$0] }
    }

    /// The CLI name of a format of ``allNamed`` (`"bf16"` for ``bf16``), `nil` for any other.
    ///
    /// Equality includes the display name, so a custom format with FP16's layout but
    /// another name has no CLI name.
    public var cliName: String? {
        Self.allNamed.firstIndex(of: self).map { Self.names[$0] }
    }
}
