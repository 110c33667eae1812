import Precision

/// The state of delayed scaling across steps: one ``DelayedScaling`` (an amax history and
/// the scale it gives) per ``ScalingSite``.
///
/// A ``Trainer`` under a recipe with ``TensorScaling/delayed(historyLength:algorithm:)``
/// keeps one (``Trainer/scalingHistories``), hands it to each step's tapes, which quantise
/// with its scales and note every tensor's amax (``Tape/amaxes``), and then records those
/// amaxes, so that step `t` is scaled by the amaxes of steps before `t` only. A site seen for
/// the first time is quantised with scale 1, Transformer Engine's initial scale.
///
/// ## Where Transformer Engine differs
/// Transformer Engine updates the forward tensors' scales when the forward pass leaves
/// `fp8_autocast`, and the gradients' after the backward pass; with gradient accumulation
/// that is once per micro-batch. Here the history takes one amax per site per optimizer
/// step, the largest over its micro-batches, so micro-batches of one step share their scales.
public struct ScalingHistories: Equatable, Sendable, Codable {
    private var scalings: [ScalingSite: DelayedScaling] = [:]

    /// No history yet: every site starts at scale 1.
    public init() {}

    /// The sites with a history, in ``ScalingSite`` order.
    public var sites: [ScalingSite] { scalings.keys.sorted() }

    /// Whether no site has a history.
    public var isEmpty: Bool { scalings.isEmpty }

    /// The delayed scaling of `site`, nil before its first amax is recorded.
    public subscript(_ site: ScalingSite) -> DelayedScaling? { scalings[site] }

    /// The scale the next quantisation at `site` uses: the history's, or 1 before it has one.
    public func scale(at site: ScalingSite) -> Float { scalings[site]?.scale ?? 1 }

    /// Records one step's amax at each site of `amaxes`. A site without a history gets one,
    /// with the element format, length and algorithm `recipe` gives its operand; sites whose
    /// operand `recipe` does not scale with delay are passed over.
    public mutating func record(_ amaxes: [ScalingSite: Float], recipe: LowPrecisionRecipe) {
        for (site, amax) in amaxes {
            guard case .tensor(let element, .delayed(let length, let algorithm)) = recipe.quantization(of: site.operand)
            else { continue }
            scalings[site, default: DelayedScaling(element: element, historyLength: length, algorithm: algorithm)]
                .record(amax: amax)
        }
    }

    /// One site's state, as a checkpoint lists it.
    private struct Entry: Codable {
        let site: ScalingSite
        let scaling: DelayedScaling
    }

    /// Decodes the list ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let entries = try [Entry](from: decoder)
        scalings = Dictionary(entries.map { ($0.site, $0.scaling) }, uniquingKeysWith: { _, last in last })
    }

    /// A list of sites and their state, in ``ScalingSite`` order, so that equal states
    /// encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        try sites.map { Entry(site: $0, scaling: scalings[$0]!) }.encode(to: encoder)
    }
}
