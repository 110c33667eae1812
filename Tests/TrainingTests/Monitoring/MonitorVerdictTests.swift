import Testing
import Training

/// ``GradientReport/verdict(_:)``: constructed runs just below, at and above each threshold.
@Suite("Monitor: health verdicts")
struct MonitorVerdictTests {
    /// A run with these norms; `clipped` and `skipped` are step indices. A skipped step
    /// records an update ratio of 0, as the trainer does.
    static func report(norms: [Float], clipped: Set<Int> = [], skipped: Set<Int> = [],
                       losses: [Int: Float] = [:], updateRatio: Float = 1e-3,
                       attention: [Int: [AttentionStatistics]] = [:]) throws -> GradientReport {
        let records = try norms.indices.map { i in
            try RecordBuilder.record(step: i, loss: losses[i] ?? 1, gradientNorm: norms[i], clipped: clipped.contains(i),
                                     skipped: skipped.contains(i), updateRatio: skipped.contains(i) ? 0 : updateRatio,
                                     forwardStatistics: attention[i].map { ForwardStatistics(attention: $0) })
        }
        return GradientReport(records: records)
    }

    /// Four steps of two layers with these largest logits per step (entropy 1 nat), and a
    /// step without statistics in the middle.
    static func attentionRun(_ logits: [[Float]]) throws -> GradientReport {
        var attention: [Int: [AttentionStatistics]] = [:]
        for (step, layers) in logits.enumerated() {
            attention[step < 2 ? step : step + 1] = layers.map { AttentionStatistics(maxLogit: $0, meanEntropy: 1) }
        }
        return try report(norms: Array(repeating: 1, count: logits.count + 1), attention: attention)
    }

    /// Eight norms of 1 and one of `spike` (9 steps): the mean is (8 + spike) / 9.
    static func spikeRun(_ spike: Float, ones: Int = 8) throws -> GradientReport {
        try report(norms: Array(repeating: 1, count: ones) + [spike])
    }

    /// 100 steps of norm 1, the first `count` of them clipped.
    static func clipRun(_ count: Int) throws -> GradientReport {
        try report(norms: Array(repeating: 1, count: 100), clipped: Set(0..<count))
    }

    /// 100 steps, the first `count` skipped with an infinite norm (clipping flags them too).
    static func skipRun(_ count: Int) throws -> GradientReport {
        let norms = (0..<100).map { $0 < count ? Float.infinity : 1 }
        return try report(norms: norms, clipped: Set(0..<count), skipped: Set(0..<count))
    }

    // MARK: Spike ratio (≤ 5 healthy, ≥ 100 problem)

    @Test(arguments: [
        (Float(9.9), 8, HealthLevel.healthy),     // 4.99×
        (10, 8, .healthy),                        // exactly 5× (mean 2): "≤ 5" is healthy
        (10.0625, 8, .warning),                   // 5.01×
        (9990, 100, .warning),                    // 99.99×
        (10000, 100, .problem),                   // exactly 100× (mean 100)
        (20000, 100, .problem),
    ])
    func spikeRatio(spike: Float, ones: Int, level: HealthLevel) throws {
        let report = try Self.spikeRun(spike, ones: ones)
        let finding = try #require(report.verdict()[.spikeRatio])
        #expect(finding.level == level, "\(finding)")
        #expect(finding.condition.holds(for: finding.value))
        #expect(finding.value == report.norms.spikeRatio)
        #expect(report.verdict().level == level)
    }

    @Test func exactBoundariesAreExact() throws {
        #expect(try Self.spikeRun(10).norms.spikeRatio == 5)
        #expect(try Self.spikeRun(10000, ones: 100).norms.spikeRatio == 100)
    }

    // MARK: Clip rate (below 5% fine, 5–20% healthy, > 20% warning, > 80% problem)

    @Test(arguments: [
        (0, HealthLevel.healthy, HealthFinding.Condition.below(0.05)),
        (4, .healthy, .below(0.05)),
        (5, .healthy, .within(0.05...0.2)),
        (20, .healthy, .within(0.05...0.2)),
        (21, .warning, .above(0.2)),
        (80, .warning, .above(0.2)),           // "more than 80%" is the problem
        (81, .problem, .above(0.8)),
        (100, .problem, .above(0.8)),
    ])
    func clipRate(clipped: Int, level: HealthLevel, condition: HealthFinding.Condition) throws {
        let finding = try #require(try Self.clipRun(clipped).verdict()[.clipRate])
        #expect(finding.level == level, "\(finding)")
        #expect(finding.condition == condition)
        #expect(finding.value == Double(clipped) / 100)
    }

    @Test func aRareClipIsNotAProblemAndSaysSo() throws {
        let finding = try #require(try Self.clipRun(2).verdict()[.clipRate])
        #expect(finding.level == .healthy)
        #expect(finding.explanation.contains("Not a problem"))
    }

    /// Non-finite steps set `clipped` too, but are the scaler's business, not clipping's.
    @Test func nonFiniteStepsDoNotCountAsClipped() throws {
        let norms = Array(repeating: Float(1), count: 100) + Array(repeating: .nan, count: 50)
        let report = try Self.report(norms: norms, clipped: Set(0..<10).union(100..<150), skipped: Set(100..<150))
        #expect(report.clippedSteps == 10)
        #expect(report.clipRate == 0.1)
        #expect(report.verdict()[.clipRate]?.level == .healthy)
    }

    // MARK: Skipped steps and non-finite values

    @Test(arguments: [(0, HealthLevel.healthy), (3, .healthy), (50, .healthy), (51, .problem), (100, .problem)])
    func skipRate(skipped: Int, level: HealthLevel) throws {
        let verdict = try Self.skipRun(skipped).verdict()
        let finding = try #require(verdict[.skipRate])
        #expect(finding.level == level, "\(finding)")
        #expect(finding.value == Double(skipped) / 100)
        // Skipped non-finite gradients are not applied: that rule stays healthy.
        #expect(verdict[.nonFiniteGradient]?.level == .healthy)
        #expect(verdict.level == level)
    }

    @Test func aFewSkippedStepsAreCalledNormal() throws {
        let finding = try #require(try Self.skipRun(3).verdict()[.skipRate])
        #expect(finding.explanation.contains("normal"))
    }

    @Test func everyStepSkippedHasNoNormFindings() throws {
        let verdict = try Self.skipRun(100).verdict()
        #expect(verdict[.spikeRatio] == nil)
        #expect(verdict[.clipRate] == nil)
        #expect(verdict[.updateRatio] == nil)
        #expect(verdict.level == .problem)
    }

    @Test func aNonFiniteLossIsAProblem() throws {
        let report = try Self.report(norms: Array(repeating: 1, count: 20), losses: [12: .nan, 13: .infinity])
        #expect(report.nonFiniteLossSteps == 2)
        #expect(report.firstNonFiniteLossStep == 12)
        let finding = try #require(report.verdict()[.nonFiniteLoss])
        #expect(finding.level == .problem)
        #expect(finding.value == 2)
        #expect(finding.explanation.contains("step 12"))
        #expect(report.verdict().level == .problem)
    }

    @Test func aNonFiniteGradientThatWasAppliedIsAProblem() throws {
        var norms = Array(repeating: Float(1), count: 20)
        norms[5] = .nan
        let report = try Self.report(norms: norms, clipped: [5])
        #expect(report.unskippedNonFiniteGradientSteps == 1)
        let verdict = report.verdict()
        #expect(verdict[.nonFiniteGradient]?.level == .problem)
        #expect(verdict.level == .problem)
        // The statistics leave the NaN out and count it.
        #expect(report.norms.count == 19 && report.norms.nonFiniteCount == 1)
        #expect(report.norms.spikeRatio == 1)
    }

    // MARK: Update ratio (1e-4 … 1e-2, CS231n)

    @Test(arguments: [(Float(5e-5), HealthLevel.warning), (1e-3, .healthy), (2e-2, .warning)])
    func updateRatio(ratio: Float, level: HealthLevel) throws {
        let finding = try #require(try Self.report(norms: [1, 1, 1], updateRatio: ratio).verdict()[.updateRatio])
        #expect(finding.level == level, "\(finding)")
        #expect(finding.value == Double(ratio))
    }

    @Test func skippedStepsDoNotDragTheUpdateRatioDown() throws {
        let norms: [Float] = [1, .infinity, .infinity, .infinity, 1]
        let report = try Self.report(norms: norms, skipped: [1, 2, 3], updateRatio: 2e-3)
        #expect(report.updateRatioMedian == Double(Float(2e-3)))
    }

    // MARK: Attention logits (≤ 50 healthy, ≥ 1000 or not finite problem)

    @Test(arguments: [
        (Float(49.9), HealthLevel.healthy, HealthFinding.Condition.atMost(50)),
        (50, .healthy, .atMost(50)),              // "≤ 50" is healthy
        (50.5, .warning, .above(50)),
        (999, .warning, .above(50)),
        (1000, .problem, .atLeast(1000)),        // exactly the problem threshold
        (.infinity, .problem, .atLeast(1000)),
        (.nan, .problem, .atLeast(1000)),        // a NaN score counts as +∞
    ])
    func attentionLogits(peak: Float, level: HealthLevel, condition: HealthFinding.Condition) throws {
        // The peak sits in layer 1 of the third step with statistics (record step 3).
        let report = try Self.attentionRun([[2, 3], [4, 5], [6, peak], [7, 8]])
        let finding = try #require(report.attention.finding())
        #expect(finding.level == level, "\(finding)")
        #expect(finding.condition == condition)
        #expect(finding.condition.holds(for: finding.value))
        #expect(report.attention.steps == 4)
        #expect(finding.value == (peak.isFinite ? Double(peak) : .infinity))
        // The gradient rules are not affected by attention statistics.
        #expect(report.verdict().level == .healthy)
    }

    @Test func theAttentionFindingSaysWhereAndFromWhatTheLogitsGrew() throws {
        var attention: [Int: [AttentionStatistics]] = [:]
        attention[1] = [AttentionStatistics(maxLogit: 2, meanEntropy: 1.5), AttentionStatistics(maxLogit: 3, meanEntropy: 1.2)]
        attention[4] = [AttentionStatistics(maxLogit: 120, meanEntropy: 0.01), AttentionStatistics(maxLogit: 60, meanEntropy: .nan)]
        let report = try Self.report(norms: [1, 1, 1, 1, 1], attention: attention)
        #expect(report.attention.maxLogit == 120 && report.attention.maxLogitStep == 4 && report.attention.maxLogitLayer == 0)
        #expect(report.attention.firstMaxLogit == 3)
        #expect(report.attention.minEntropy == Double(Float(0.01)))
        let finding = try #require(report.attention.finding())
        #expect(finding.level == .warning)
        #expect(finding.description.hasPrefix("[warning] attention logits 120 > 50: The largest"))
        #expect(finding.explanation.hasPrefix("The largest attention logit was 120 (layer 0, step 4; 3 at the window's "
                                              + "first step), and the lowest mean attention entropy of a layer 0.01 nats"))
        #expect(finding.explanation.contains("Wortsman et al. 2023"))
        #expect(report.description.hasSuffix("largest attention logit 120, lowest mean attention entropy 0.01 nats"))
    }

    @Test func withoutAttentionStatisticsThereIsNoAttentionFinding() throws {
        let report = try Self.report(norms: [1, 2, 3])
        #expect(report.attention.steps == 0 && report.attention.maxLogit.isNaN && report.attention.maxLogitStep == nil)
        #expect(report.attention.finding() == nil)
        #expect(!report.description.contains("attention"))
    }

    // MARK: Custom thresholds

    @Test func customThresholdsMoveTheVerdict() throws {
        let spiky = try Self.spikeRun(10.0625)   // 5.01×
        #expect(spiky.verdict().level == .warning)
        #expect(spiky.verdict(HealthThresholds(spikeRatioHealthy: 6)).level == .healthy)
        #expect(spiky.verdict(HealthThresholds(spikeRatioHealthy: 2, spikeRatioProblem: 5)).level == .problem)

        let clipping = try Self.clipRun(30)
        #expect(clipping.verdict().level == .warning)
        #expect(clipping.verdict(HealthThresholds(clipRateHealthy: 0.1...0.3)).level == .healthy)
        #expect(clipping.verdict(HealthThresholds(clipRateHealthy: 0...0.1, clipRateProblem: 0.25)).level == .problem)

        let skipping = try Self.skipRun(30)
        #expect(skipping.verdict().level == .healthy)
        #expect(skipping.verdict(HealthThresholds(skipRateProblem: 0.29)).level == .problem)

        let slow = try Self.report(norms: [1, 1], updateRatio: 5e-5)
        #expect(slow.verdict().level == .warning)
        #expect(slow.verdict(HealthThresholds(updateRatioHealthy: 1e-5...1e-3)).level == .healthy)

        let sharp = try Self.attentionRun([[1, 80]]).attention
        #expect(sharp.finding()?.level == .warning)
        #expect(sharp.finding(HealthThresholds(attentionLogitHealthy: 100))?.level == .healthy)
        #expect(sharp.finding(HealthThresholds(attentionLogitHealthy: 10, attentionLogitProblem: 80))?.level == .problem)
    }

    // MARK: The verdict as a value

    @Test func levelIsTheWorstFindingAndFindingsFollowTheRuleOrder() throws {
        var norms = Array(repeating: Float(1), count: 100)
        norms[99] = 30    // spike: warning
        let report = try Self.report(norms: norms, clipped: Set(0..<90), updateRatio: 1e-3)  // clip: problem
        let verdict = report.verdict()
        #expect(verdict.level == .problem)
        #expect(verdict.findings.map(\.rule) == HealthRule.allCases)
        #expect(verdict.findings(atLeast: .warning).map(\.rule) == [.spikeRatio, .clipRate])
        #expect(verdict.description.hasPrefix("problem\n"))
        #expect(HealthLevel.healthy < .warning && HealthLevel.warning < .problem)
    }

    @Test func anEmptyWindowIsHealthyWithNoFindings() {
        let verdict = GradientReport(records: [StepRecord]()).verdict()
        #expect(verdict.findings.isEmpty)
        #expect(verdict.level == .healthy)
    }

    @Test func findingsReadAsEnglish() throws {
        let finding = try #require(try Self.spikeRun(10000, ones: 100).verdict()[.spikeRatio])
        #expect(finding.description
                == "[problem] spike ratio 100 ≥ 100: The largest gradient norm is 100× the mean, at least 100× "
                + "(a rule of thumb): a gradient explosion.")
        let clip = try #require(try Self.clipRun(12).verdict()[.clipRate])
        #expect(clip.explanation == "Clipping scaled 12% of the steps with a finite norm, within the typical 5–20% (a rule of thumb).")
        let update = try #require(try Self.report(norms: [1], updateRatio: 1.5e-5).verdict()[.updateRatio])
        #expect(update.explanation.hasPrefix("The median step moves the weights by 1.5e-5 of their norm, below 0.0001"))
    }
}

/// ``Trainer/gradientReport(last:)`` on a real run.
@Suite("Monitor: trainer reports")
struct MonitorTrainerTests {
    @Test func aTrainerReportsOnItsRecordsAndWindows() throws {
        let fixture = TrainerFixture()
        var trainer = Trainer(parameters: fixture.parameters, policy: .fp32, optimizer: SGD(learningRate: 0.1),
                              clipping: .norm(1))
        try fixture.train(&trainer, steps: 16)
        let whole = trainer.gradientReport()
        #expect(whole.steps == 16)
        #expect(whole.finiteSteps == 16)
        #expect(whole.parameters.map(\.name) == trainer.parameters.names)
        #expect(whole.clippedSteps == trainer.records.count { $0.clipped })
        #expect(whole.norms.maximum == Double(trainer.records.map(\.gradientNorm).max()!))

        let window = trainer.gradientReport(last: 5)
        let direct = GradientReport(records: trainer.records.suffix(5), parameterNames: trainer.parameters.names)
        #expect(window.steps == 5)
        #expect(window.norms.mean == direct.norms.mean)
        #expect(window.verdict() == direct.verdict())
        #expect(trainer.gradientReport(last: 100).steps == 16)
    }
}
