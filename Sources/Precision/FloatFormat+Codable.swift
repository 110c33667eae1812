/// A format is saved as its fields and read back through
/// ``FloatFormat/custom(name:exponentBits:mantissaBits:bias:hasInfinity:nanEncoding:overflow:hasSign:hasZero:)``,
/// so a decoded format is always one the conversions can honour; a description they cannot
/// is a `DecodingError.dataCorrupted` carrying the ``FormatError``'s message.
///
/// `hasSign` and `hasZero` are written only when false, and read as true when absent, so a
/// format with a sign bit and a zero (every format before ``FloatFormat/e8m0``) keeps the
/// encoding it always had, and old encodings still decode.
extension FloatFormat: Codable {
    private enum CodingKeys: String, CodingKey {
        case name, exponentBits, mantissaBits, bias, hasInfinity, nanEncoding, overflow, hasSign, hasZero
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            self = try FloatFormat.custom(
                name: try container.decode(String.self, forKey: .name),
                exponentBits: try container.decode(Int.self, forKey: .exponentBits),
                mantissaBits: try container.decode(Int.self, forKey: .mantissaBits),
                bias: try container.decode(Int.self, forKey: .bias),
                hasInfinity: try container.decode(Bool.self, forKey: .hasInfinity),
                nanEncoding: try container.decode(NaNEncoding.self, forKey: .nanEncoding),
                overflow: try container.decode(Overflow.self, forKey: .overflow),
                hasSign: try container.decodeIfPresent(Bool.self, forKey: .hasSign) ?? true,
                hasZero: try container.decodeIfPresent(Bool.self, forKey: .hasZero) ?? true)
        } catch let error as FormatError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(exponentBits, forKey: .exponentBits)
        try container.encode(mantissaBits, forKey: .mantissaBits)
        try container.encode(bias, forKey: .bias)
        try container.encode(hasInfinity, forKey: .hasInfinity)
        try container.encode(nanEncoding, forKey: .nanEncoding)
        try container.encode(overflow, forKey: .overflow)
        if !hasSign { try container.encode(hasSign, forKey: .hasSign) }
        if !hasZero { try container.encode(hasZero, forKey: .hasZero) }
    }
}
