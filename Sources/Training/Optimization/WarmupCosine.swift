import Foundation

/// A learning-rate schedule: linear warmup from 0 to a peak, then half a cosine down to a
/// minimum, then constant at the minimum.
///
/// With `w` warmup steps, `T` total steps, peak `η` and minimum `η_min`, the rate for the
/// optimizer step taken after `step` steps (so `step` is ``Optimizer/stepCount`` before the
/// step) is
///
/// ```text
/// step < w:        η × (step / w)
/// w ≤ step ≤ T:    η_min + (η − η_min) × (1 + cos(π × (step − w) / (T − w))) / 2
/// step > T:        η_min
/// ```
///
/// The warmup is Hugging Face's `get_cosine_schedule_with_warmup` convention, evaluated as
/// PyTorch's `LambdaLR` does (`base_lr × lambda(step)`), so **the first step's rate is 0**
/// when there is a warmup: that step moves Adam's moments but not the parameters. The decay
/// is `CosineAnnealingLR`'s closed form with `T_max = T − w` and `eta_min = η_min`, in the
/// same operation order (with Hugging Face's minimum-rate variant when `η_min > 0`). Past `T`
/// the rate stays at `η_min` (Hugging Face's lambda would rise again; PyTorch's recursive
/// `CosineAnnealingLR` too). Everything is computed in `Double` with the C library's `cos`,
/// as Python does, and rounded to `Float` once.
///
/// ## Edge cases
/// - `warmupSteps == 0`: no warmup; step 0 has the peak rate.
/// - `totalSteps == warmupSteps`: no decay; the rate reaches the peak at `w` and drops to
///   `η_min` right after (the cosine's length is taken as 1, as Hugging Face's `max(1, ·)`).
/// - NaN or infinite rates pass through the arithmetic (a NaN peak gives NaN everywhere).
public struct WarmupCosine: Equatable, Sendable, Codable {
    /// The rate at the end of warmup (`η`, PyTorch's `base_lr`).
    public var peakLearningRate: Float
    /// The rate the cosine ends at, and stays at (`η_min`, `eta_min`).
    public var minimumLearningRate: Float
    /// Steps of linear warmup (`w`).
    public var warmupSteps: Int
    /// The step at which the cosine reaches the minimum (`T`, counting warmup).
    public var totalSteps: Int

    /// A schedule from 0 up to `peak` over `warmupSteps` steps, then down to `minimum` at
    /// `totalSteps`.
    ///
    /// - Precondition: `0 ≤ warmupSteps ≤ totalSteps`.
    public init(peak: Float, minimum: Float = 0, warmupSteps: Int, totalSteps: Int) {
        precondition(warmupSteps >= 0, "negative warmup \(warmupSteps)")
        precondition(totalSteps >= warmupSteps, "total steps \(totalSteps) shorter than warmup \(warmupSteps)")
        peakLearningRate = peak
        minimumLearningRate = minimum
        self.warmupSteps = warmupSteps
        self.totalSteps = totalSteps
    }

    /// The learning rate of the optimizer step taken after `step` steps.
    ///
    /// - Precondition: `step >= 0`.
    public func learningRate(at step: Int) -> Float {
        precondition(step >= 0, "negative step \(step)")
        let peak = Double(peakLearningRate), minimum = Double(minimumLearningRate)
        if step < warmupSteps {
            return Float(peak * (Double(step) / Double(warmupSteps)))
        }
        if step > totalSteps { return minimumLearningRate }
        let decaySteps = Double(max(1, totalSteps - warmupSteps))
        let elapsed = Double(step - warmupSteps)
        return Float(minimum + (peak - minimum) * (1 + cos(Double.pi * elapsed / decaySteps)) / 2)
    }
}
