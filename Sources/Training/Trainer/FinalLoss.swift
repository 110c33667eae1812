/// How the book summarises where a run ended: one definition, used by every chapter.
///
/// A single loss is noisy (each is measured on one batch), so a run's final loss is the mean
/// of its last ``defaultWindow`` losses. Losses that are not finite are left out of the
/// mean, so a run that recovered from a few bad steps is judged by the steps it took; a run
/// whose last losses are all non-finite has final loss NaN, which compares false with
/// everything and so never passes for a good run.
public enum FinalLoss {
    /// How many of the last losses the summary averages.
    public static let defaultWindow = 20

    /// The mean of the finite values among the last `window` of `losses`, NaN if none is
    /// finite.
    public static func of(_ losses: some Collection<Double>, window: Int = defaultWindow) -> Double {
        precondition(window > 0, "a window holds at least one loss")
        let finite = losses.suffix(window).filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }

    /// The final loss of `records`' training losses.
    public static func of(_ records: some Collection<StepRecord>, window: Int = defaultWindow) -> Double {
        of(records.map { Double($0.loss) }, window: window)
    }
}
