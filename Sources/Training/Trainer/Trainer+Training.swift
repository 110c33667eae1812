/// The training loop every experiment writes, once.
extension Trainer {
    /// Trains until the trainer has taken `steps` iterations in all, iteration `n` on element
    /// `n` of `batches`.
    ///
    /// The elements for iterations already taken are drawn and passed over, so a trainer
    /// resumed from a copy (or a checkpoint) continues on exactly the batches an
    /// uninterrupted run would have seen. `loss(tape, batch)` records the model's loss on
    /// the tape it is given; `afterEachStep` sees the trainer after every iteration (its
    /// last record is that iteration's), for measurements a record does not hold.
    ///
    /// ```swift
    /// try trainer.train(until: 200, on: task.batches(size: 16, seed: 2)) { tape, batch in
    ///     model.loss(batch, on: &tape)
    /// }
    /// ```
    ///
    /// Throws what ``step(_:)`` throws (a loss scaler's refusal); stops early, without an
    /// error, if `batches` ends.
    public mutating func train<Batches: Sequence>(
        until steps: Int, on batches: Batches,
        _ loss: (inout Tape, Batches.Element) -> Variable,
        afterEachStep: (Self) throws -> Void = { _ in }
    ) throws {
        for (iteration, batch) in batches.prefix(steps).enumerated() where iteration >= records.count {
            try step { tape in loss(&tape, batch) }
            try afterEachStep(self)
        }
    }
}
