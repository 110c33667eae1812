import Foundation
import Precision

/// A tensor is saved as its shape, its format and its elements' FP32 bit patterns
/// (little-endian, Base64), so every value — −0, each NaN payload, subnormals — comes back
/// bit for bit, whatever the encoder does with floating-point numbers.
extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey { case shape, format, bits }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try container.decode([Int].self, forKey: .shape)
        let format = try container.decode(FloatFormat.self, forKey: .format)
        let text = try container.decode(String.self, forKey: .bits)
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .bits, in: container,
                                                   debugDescription: "tensor bits are not Base64 of 4-byte words")
        }
        let scalars = stride(from: 0, to: data.count, by: 4).map { offset in
            let bytes = data[data.startIndex + offset ..< data.startIndex + offset + 4]
            return Float(bitPattern: bytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        guard shape.allSatisfy({ $0 >= 0 }), scalars.count == shape.reduce(1, *) else {
            throw DecodingError.dataCorruptedError(forKey: .shape, in: container,
                                                   debugDescription: "\(scalars.count) scalars do not fill shape \(shape)")
        }
        self.init(shape: shape, scalars: scalars, format: format)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(shape, forKey: .shape)
        try container.encode(format, forKey: .format)
        var data = Data(capacity: scalars.count * 4)
        for scalar in scalars {
            let bits = scalar.bitPattern
            for shift in stride(from: 0, to: 32, by: 8) { data.append(UInt8(truncatingIfNeeded: bits >> shift)) }
        }
        try container.encode(data.base64EncodedString(), forKey: .bits)
    }
}

/// Saved as the names and the tensors, in order.
extension NamedTensors: Codable {
    private enum CodingKeys: String, CodingKey { case names, tensors }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let names = try container.decode([String].self, forKey: .names)
        let tensors = try container.decode([Tensor].self, forKey: .tensors)
        guard names.count == tensors.count, Set(names).count == names.count else {
            throw DecodingError.dataCorruptedError(forKey: .names, in: container,
                                                   debugDescription: "names must be unique, one per tensor")
        }
        self.init(Array(zip(names, tensors)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
        try container.encode(tensors, forKey: .tensors)
    }
}
