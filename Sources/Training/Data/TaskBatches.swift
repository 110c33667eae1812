import Precision

/// The endless sequence of batches a ``SequenceTask`` draws from one seeded generator.
///
/// Batch `n` depends only on the task, the size, the seed and `n`: two runs given the same
/// stream see the same batches in the same order, whatever else they do. This is what
/// "the same data order" means in every comparison of the book.
///
/// ```swift
/// for batch in task.batches(size: 16, seed: 2).prefix(3) { … }
/// ```
public struct TaskBatches<Task: SequenceTask>: Sequence, Sendable {
    public let task: Task
    public let size: Int
    public let seed: UInt64

    public struct Iterator: IteratorProtocol {
        let task: Task
        let size: Int
        var generator: SplitMix64

        public mutating func next() -> TokenBatch? { task.batch(size: size, using: &generator) }
    }

    public func makeIterator() -> Iterator { Iterator(task: task, size: size, generator: SplitMix64(seed: seed)) }
}

extension SequenceTask {
    /// The batches of `size` sequences drawn, in order, from a generator seeded with `seed`.
    public func batches(size: Int, seed: UInt64) -> TaskBatches<Self> {
        precondition(size > 0, "a batch holds at least one sequence")
        return TaskBatches(task: self, size: size, seed: seed)
    }
}
