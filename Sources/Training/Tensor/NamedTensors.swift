import Precision

/// Tensors in a fixed order, each with a unique name: a model's parameters, their
/// gradients, or one optimizer state buffer per parameter.
///
/// The order is the order of insertion and never changes, so iterating is deterministic
/// and two sets built from the same model line up index by index.
public struct NamedTensors: Equatable, Sendable {
    /// The names, in order.
    public private(set) var names: [String]
    /// The tensors, in the order of ``names``.
    public var tensors: [Tensor]
    private var indexByName: [String: Int]

    /// An empty set.
    public init() {
        names = []
        tensors = []
        indexByName = [:]
    }

    /// A set holding `pairs` in order.
    ///
    /// - Precondition: the names are unique.
    public init(_ pairs: [(String, Tensor)]) {
        self.init()
        for (name, tensor) in pairs { append(name, tensor) }
    }

    /// Adds a tensor at the end.
    ///
    /// - Precondition: no tensor is named `name` yet.
    public mutating func append(_ name: String, _ tensor: Tensor) {
        precondition(indexByName[name] == nil, "duplicate tensor name \(name)")
        indexByName[name] = names.count
        names.append(name)
        tensors.append(tensor)
    }

    /// The number of tensors.
    public var count: Int { tensors.count }

    /// The position of the tensor called `name`, if there is one.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The tensor called `name`.
    ///
    /// - Precondition (get and set): a tensor of that name exists.
    public subscript(name: String) -> Tensor {
        get {
            guard let index = indexByName[name] else { preconditionFailure("no tensor named \(name)") }
            return tensors[index]
        }
        set {
            guard let index = indexByName[name] else { preconditionFailure("no tensor named \(name)") }
            tensors[index] = newValue
        }
    }

    /// A set with the same names and shapes, every element `value`, in `format`.
    public func filled(with value: Float, format: FloatFormat) -> NamedTensors {
        var copy = self
        copy.tensors = tensors.map { Tensor(shape: $0.shape, repeating: value, format: format) }
        return copy
    }

    /// A set with the same names whose tensors are `transform` of these.
    public func map(_ transform: (Tensor) throws -> Tensor) rethrows -> NamedTensors {
        var copy = self
        copy.tensors = try tensors.map(transform)
        return copy
    }

    /// The total number of elements.
    public var scalarCount: Int { tensors.reduce(0) { $0 + $1.count } }

    /// The total bytes in the tensors' storage formats.
    public var storageBytes: Int { tensors.reduce(0) { $0 + $1.storageBytes } }
}
