extension Trainer {
    /// The ``GradientReport`` on this trainer's records, or on the last `count` of them,
    /// with per-parameter statistics under the parameters' names.
    ///
    /// ```swift
    /// trainer.gradientReport(last: 100).verdict()
    /// ```
    ///
    /// - Precondition: `count`, if given, is not negative.
    public func gradientReport(last count: Int? = nil) -> GradientReport {
        precondition((count ?? 0) >= 0, "a negative window")
        let window = count.map { records.suffix($0) } ?? records[...]
        return GradientReport(records: window, parameterNames: parameters.names)
    }
}
