import Charts
import Testing

/// The canonical figures, byte for byte. Re-record with `RECORD_SNAPSHOTS=1` (see
/// `Snapshot`).
@Suite("Snapshots")
struct SnapshotTests {
    @Test("SVG matches Snapshots/<name>.svg", arguments: CanonicalFigures.all.map(\.name))
    func svg(name: String) throws {
        let figure = try #require(CanonicalFigures.all.first { $0.name == name }).figure
        try Snapshot.check(figure.svg(idPrefix: name), named: name + ".svg")
    }

    @Test("CSV of the gap figure matches Snapshots/loss-with-gaps.csv")
    func csv() throws {
        try Snapshot.check(CanonicalFigures.lossWithGaps.csv(), named: "loss-with-gaps.csv")
    }

    @Test("CSV of the seed-band figure matches Snapshots/seed-bands.csv")
    func bandsCSV() throws {
        try Snapshot.check(CanonicalFigures.seedBands.csv(), named: "seed-bands.csv")
    }
}
