import Foundation

extension Trainer {
    /// Everything the trainer holds — parameters, master copy, optimizer state, loss-scaler
    /// state, policy, clipping, schedule and every record so far — as JSON bytes.
    ///
    /// Tensors are stored as their elements' bit patterns, so a trainer read back with
    /// ``init(checkpoint:)`` continues bit for bit as this one would: the same parameters,
    /// records and scale after any number of further steps. The bytes depend only on the
    /// state (keys are sorted; no timestamps), so two identical runs save identical files.
    /// Non-finite numbers in records (a NaN loss) are written as the strings `"nan"`,
    /// `"inf"` and `"-inf"`.
    public func checkpoint() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Self.infinity, negativeInfinity: "-" + Self.infinity, nan: Self.nan)
        return try encoder.encode(self)
    }

    /// A trainer restored from ``checkpoint()``'s bytes.
    ///
    /// - Throws: `DecodingError` if the bytes are not a checkpoint of a trainer with this
    ///   optimizer type (the error's coding path names the field).
    public init(checkpoint: Data) throws {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: Self.infinity, negativeInfinity: "-" + Self.infinity, nan: Self.nan)
        self = try decoder.decode(Self.self, from: checkpoint)
    }

    private static var infinity: String { "inf" }
    private static var nan: String { "nan" }
}
