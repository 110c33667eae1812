extension FloatFormat {
    /// The code of the least value of this format greater than `decode(code)`, or `nil`
    /// if there is none.
    ///
    /// This is IEEE 754 `nextUp` on codes; walking it from the most negative value visits
    /// every non-NaN value once, in increasing order. Bits above ``bitWidth`` are ignored.
    ///
    /// ## Edge cases
    /// - ±0 both step to the smallest positive subnormal (code 1); the smallest negative
    ///   subnormal steps to −0.
    /// - ``maxValue`` steps to +infinity when the format has one, else gives `nil`
    ///   (E4M3FN's 448 has no successor); +infinity gives `nil`; −infinity steps to
    ///   −`maxValue`.
    /// - NaN codes give `nil`.
    /// - In a format without a sign bit (E8M0) codes simply count up: code 0 (E8M0's
    ///   `2^-127`) steps to code 1.
    public func nextUp(_ code: UInt32) -> UInt32? {
        let code = code & codeMask
        let magnitude = code & magnitudeMask
        let category = classify(code)
        if category == .nan { return nil }
        if code & signBit != 0 { return magnitude == 0 ? 1 : code - 1 }  // toward −0, then +min
        if category == .infinity { return nil }
        if magnitude == maxFiniteMagnitude {
            return hasInfinity && nanEncoding == .ieee ? infinityMagnitude : nil
        }
        return code + 1
    }

    /// The code of the greatest value of this format less than `decode(code)`, or `nil`
    /// if there is none.
    ///
    /// The mirror image of ``nextUp(_:)``: `nextDown(c)` is `nextUp(-c)` negated. Bits
    /// above ``bitWidth`` are ignored.
    ///
    /// ## Edge cases
    /// - ±0 both step to the smallest negative subnormal; the smallest positive subnormal
    ///   steps to +0.
    /// - −``maxValue`` steps to −infinity when the format has one, else gives `nil`;
    ///   −infinity gives `nil`; +infinity steps to `maxValue`.
    /// - NaN codes give `nil`.
    /// - In a format without a sign bit the smallest value (code 0: +0, or E8M0's `2^-127`)
    ///   gives `nil`; other codes step to the code below.
    public func nextDown(_ code: UInt32) -> UInt32? {
        let code = code & codeMask
        if !hasSign { return classify(code) == .nan || code == 0 ? nil : code - 1 }
        return nextUp(code ^ signBit).map { $0 ^ signBit }
    }
}
