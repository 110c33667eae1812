/// What a run, or a window of it, did to its gradients: norm statistics, clip and skip
/// rates, update-to-weight ratios, overall and per parameter, from the ``StepRecord``s a
/// ``Trainer`` keeps. ``verdict(_:)`` judges them against rules of thumb.
///
/// ```swift
/// let report = trainer.gradientReport(last: 100)   // or GradientReport(records: …, parameterNames: …)
/// report.norms.p99, report.clipRate, report.verdict().level
/// ```
///
/// A report is computed in one pass over the records plus one sort per norm sample, so a
/// window such as `records.suffix(100)` costs little; the records are not kept.
///
/// ## What counts
/// - **Norms** are the pre-clip total norms (``StepRecord/gradientNorm``); ``norms`` takes
///   its statistics over the finite ones and counts the others (see ``NormStatistics``).
/// - **Clipped** steps are those whose record says clipping scaled the gradient *and* whose
///   norm was finite. A non-finite norm also sets ``StepRecord/clipped`` (PyTorch multiplies
///   by NaN or 0 then), but such a step is the loss scaler's business (``skipRate``) or a
///   failure (``unskippedNonFiniteGradientSteps``), not clipping at work; so ``clipRate`` is
///   ``clippedSteps`` over the steps with a finite norm.
/// - **Skipped** steps are those the loss scaler skipped; ``skipRate`` is over all steps.
/// - **Update ratios** (‖Δθ‖ / ‖θ‖) are taken over the steps the optimizer took (skipped
///   steps record 0) and only where finite (a parameter that was all zeros gives NaN or ∞).
/// - **Attention** statistics come from the records that hold them (``attention``); the
///   others are left out of it.
///
/// Rates and medians with nothing to measure are NaN, as are ``norms``' statistics.
public struct GradientReport: Sendable, CustomStringConvertible {
    /// One parameter tensor's share of the report.
    public struct Parameter: Sendable {
        /// The parameter's name, as the trainer's ``NamedTensors`` gives it.
        public let name: String
        /// Statistics of this tensor's own pre-clip gradient norms
        /// (``StepRecord/tensorGradientNorms``), over the steps where it was finite.
        public let norms: NormStatistics
        /// The median of this tensor's ‖Δθ‖ / ‖θ‖ over the steps taken, where finite.
        public let updateRatioMedian: Double
    }

    /// How many records the report covers.
    public let steps: Int
    /// Steps whose loss and gradient norm were both finite (``StepRecord/isFinite``).
    public let finiteSteps: Int
    /// Steps the loss scaler skipped.
    public let skippedSteps: Int
    /// Steps whose loss was ±infinity or NaN.
    public let nonFiniteLossSteps: Int
    /// The first step (``StepRecord/step``) whose loss was not finite, if any.
    public let firstNonFiniteLossStep: Int?
    /// Steps whose gradient norm was not finite and that the optimizer took anyway (no
    /// scaler skipped them): a NaN gradient reaches the weights, or clipping zeroes it.
    public let unskippedNonFiniteGradientSteps: Int
    /// Steps with a finite norm that clipping scaled down.
    public let clippedSteps: Int
    /// Statistics of the pre-clip total norms; ``NormStatistics/nonFiniteCount`` is the
    /// number of steps whose norm was not finite.
    public let norms: NormStatistics
    /// ``clippedSteps`` over the steps with a finite norm.
    public let clipRate: Double
    /// ``skippedSteps`` over ``steps``.
    public let skipRate: Double
    /// The median of ``StepRecord/updateRatio`` over the steps taken, where finite.
    public let updateRatioMedian: Double
    /// Per-parameter statistics, in the order of the names the report was given.
    public let parameters: [Parameter]
    /// The attention logits and entropies of the steps that recorded them.
    public let attention: AttentionReport

    /// The report on `records`, which may be any window of a run (`records.suffix(100)`).
    ///
    /// `parameterNames` names the entries of each record's per-tensor arrays (a trainer's
    /// `parameters.names`); with none (the default), ``parameters`` is empty.
    ///
    /// - Precondition: with names, every record has one per-tensor norm and ratio per name.
    public init(records: some Sequence<StepRecord>, parameterNames: [String] = []) {
        var count = 0, finite = 0, skipped = 0, lossNonFinite = 0, unskipped = 0, clipped = 0
        var firstBadLoss: Int?
        var norms: [Float] = [], ratios: [Double] = []
        var tensorNorms = Array(repeating: [Float](), count: parameterNames.count)
        var tensorRatios = Array(repeating: [Double](), count: parameterNames.count)
        var attention = AttentionReport()
        for record in records {
            count += 1
            attention.add(record)
            norms.append(record.gradientNorm)
            if record.isFinite { finite += 1 }
            if record.skipped { skipped += 1 }
            if !record.loss.isFinite {
                lossNonFinite += 1
                firstBadLoss = firstBadLoss ?? record.step
            }
            if !record.gradientNorm.isFinite && !record.skipped { unskipped += 1 }
            if record.clipped && record.gradientNorm.isFinite { clipped += 1 }
            if !record.skipped && record.updateRatio.isFinite { ratios.append(Double(record.updateRatio)) }
            guard !parameterNames.isEmpty else { continue }
            precondition(record.tensorGradientNorms.count == parameterNames.count
                         && record.tensorUpdateRatios.count == parameterNames.count,
                         "step \(record.step) has \(record.tensorGradientNorms.count) tensor norms and "
                         + "\(record.tensorUpdateRatios.count) ratios for \(parameterNames.count) names")
            for index in parameterNames.indices {
                tensorNorms[index].append(record.tensorGradientNorms[index])
                let ratio = record.tensorUpdateRatios[index]
                if !record.skipped && ratio.isFinite { tensorRatios[index].append(Double(ratio)) }
            }
        }
        steps = count
        finiteSteps = finite
        skippedSteps = skipped
        nonFiniteLossSteps = lossNonFinite
        firstNonFiniteLossStep = firstBadLoss
        unskippedNonFiniteGradientSteps = unskipped
        clippedSteps = clipped
        self.norms = NormStatistics(norms)
        clipRate = Double(clipped) / Double(self.norms.count)
        skipRate = Double(skipped) / Double(count)
        updateRatioMedian = Self.median(ratios)
        self.attention = attention
        parameters = parameterNames.indices.map { index in
            Parameter(name: parameterNames[index], norms: NormStatistics(tensorNorms[index]),
                      updateRatioMedian: Self.median(tensorRatios[index]))
        }
    }

    /// numpy's median of finite values; NaN for none.
    private static func median(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : Percentile.of(values, 50)
    }

    /// A few lines: counts, norms, rates, update ratio, and attention when recorded.
    public var description: String {
        let text = """
        \(steps) steps: \(finiteSteps) finite, \(skippedSteps) skipped, \(nonFiniteLossSteps) with a non-finite loss
        gradient norm: \(norms)
        clip rate \(MonitorText.percent(clipRate)), skip rate \(MonitorText.percent(skipRate)), \
        median update ratio \(MonitorText.number(updateRatioMedian))
        """
        guard attention.steps > 0 else { return text }
        return text + "\nlargest attention logit \(MonitorText.number(attention.maxLogit)), "
            + "lowest mean attention entropy \(MonitorText.number(attention.minEntropy)) nats"
    }
}
