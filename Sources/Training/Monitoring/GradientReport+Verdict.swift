extension GradientReport {
    /// The report judged against `thresholds` (by default, the rules of thumb described in
    /// ``HealthThresholds``, which are unsourced except the update ratio's).
    ///
    /// One finding per rule that has something to measure, in ``HealthRule``'s order: the
    /// non-finite and skip rules need at least one step; the spike ratio needs a finite,
    /// non-zero mean norm; the clip rate a finite norm; the update ratio a step taken with a
    /// finite ratio. An empty report has no findings and is `healthy`.
    ///
    /// Boundaries: a spike ratio equal to ``HealthThresholds/spikeRatioHealthy`` is healthy
    /// and one equal to ``HealthThresholds/spikeRatioProblem`` is a problem; a clip or skip
    /// rate equal to its problem threshold is not a problem (the rules say "more than");
    /// the healthy ranges include their ends. A clip rate below
    /// ``HealthThresholds/clipRateHealthy`` is healthy: clipping rarely acts, or is off.
    public func verdict(_ thresholds: HealthThresholds = HealthThresholds()) -> HealthVerdict {
        var findings: [HealthFinding] = []
        if steps > 0 {
            findings.append(nonFiniteLossFinding())
            findings.append(nonFiniteGradientFinding())
            findings.append(skipRateFinding(thresholds))
        }
        if norms.count > 0, !norms.spikeRatio.isNaN { findings.append(spikeRatioFinding(thresholds)) }
        if norms.count > 0 { findings.append(clipRateFinding(thresholds)) }
        if !updateRatioMedian.isNaN { findings.append(updateRatioFinding(thresholds)) }
        return HealthVerdict(findings: findings)
    }

    private func nonFiniteLossFinding() -> HealthFinding {
        let count = Double(nonFiniteLossSteps)
        guard nonFiniteLossSteps > 0, let first = firstNonFiniteLossStep else {
            return HealthFinding(rule: .nonFiniteLoss, level: .healthy, value: count, condition: .atMost(0),
                                 explanation: "The loss was finite at every step.")
        }
        return HealthFinding(
            rule: .nonFiniteLoss, level: .problem, value: count, condition: .above(0),
            explanation: "The loss was not finite at \(nonFiniteLossSteps) of \(steps) steps (first at step \(first)). "
                + "Unlike a skipped step, this is a failure: the forward pass overflowed, or the weights are already broken.")
    }

    private func nonFiniteGradientFinding() -> HealthFinding {
        let count = Double(unskippedNonFiniteGradientSteps)
        if unskippedNonFiniteGradientSteps > 0 {
            return HealthFinding(
                rule: .nonFiniteGradient, level: .problem, value: count, condition: .above(0),
                explanation: "\(unskippedNonFiniteGradientSteps) \(Self.steps(unskippedNonFiniteGradientSteps)) applied a "
                    + "non-finite gradient that no loss scaler skipped: NaN reaches the weights, or clipping "
                    + "by an infinite norm zeroes the finite gradients.")
        }
        let explanation = norms.nonFiniteCount == 0
            ? "Every gradient norm was finite."
            : "\(norms.nonFiniteCount) \(Self.steps(norms.nonFiniteCount)) had a non-finite gradient norm, and the "
                + "loss scaler skipped each of them: a dynamic scaler probing its scale, not a failure."
        return HealthFinding(rule: .nonFiniteGradient, level: .healthy, value: count, condition: .atMost(0),
                             explanation: explanation)
    }

    private func skipRateFinding(_ thresholds: HealthThresholds) -> HealthFinding {
        let limit = thresholds.skipRateProblem
        let share = "\(skippedSteps) of \(steps) steps (\(MonitorText.percent(skipRate)))"
        if skipRate > limit {
            return HealthFinding(
                rule: .skipRate, level: .problem, value: skipRate, condition: .above(limit),
                explanation: "The loss scaler skipped \(share), more than \(MonitorText.percent(limit)): "
                    + "most steps update nothing, so the run is not training.")
        }
        let explanation = skippedSteps == 0
            ? "No step was skipped."
            : "The loss scaler skipped \(share), at most \(MonitorText.percent(limit)): a dynamic scaler skips a step "
                + "whenever its scale makes a gradient overflow, so a few skipped steps are normal."
        return HealthFinding(rule: .skipRate, level: .healthy, value: skipRate, condition: .atMost(limit),
                             explanation: explanation)
    }

    private func spikeRatioFinding(_ thresholds: HealthThresholds) -> HealthFinding {
        let ratio = norms.spikeRatio
        let healthy = thresholds.spikeRatioHealthy, problem = thresholds.spikeRatioProblem
        let measured = "The largest gradient norm is \(MonitorText.number(ratio))× the mean"
        if ratio >= problem {
            return HealthFinding(
                rule: .spikeRatio, level: .problem, value: ratio, condition: .atLeast(problem),
                explanation: "\(measured), at least \(MonitorText.number(problem))× (a rule of thumb): "
                    + "a gradient explosion.")
        }
        if ratio > healthy {
            return HealthFinding(
                rule: .spikeRatio, level: .warning, value: ratio, condition: .above(healthy),
                explanation: "\(measured): above the \(MonitorText.number(healthy))× a healthy run stays within, "
                    + "below the \(MonitorText.number(problem))× that marks a problem (rules of thumb). "
                    + "A spike worth finding in the norm curve.")
        }
        return HealthFinding(
            rule: .spikeRatio, level: .healthy, value: ratio, condition: .atMost(healthy),
            explanation: "\(measured), within the \(MonitorText.number(healthy))× a healthy run stays within (a rule of thumb).")
    }

    private func clipRateFinding(_ thresholds: HealthThresholds) -> HealthFinding {
        let rate = clipRate, typical = thresholds.clipRateHealthy, problem = thresholds.clipRateProblem
        let measured = "Clipping scaled \(MonitorText.percent(rate)) of the steps with a finite norm"
        let range = MonitorText.percentRange(typical)
        if rate > problem {
            return HealthFinding(
                rule: .clipRate, level: .problem, value: rate, condition: .above(problem),
                explanation: "\(measured), more than \(MonitorText.percent(problem)) (a rule of thumb): the threshold "
                    + "sets nearly every step's length; it is too low for these gradients, or they are exploding.")
        }
        if rate > typical.upperBound {
            return HealthFinding(
                rule: .clipRate, level: .warning, value: rate, condition: .above(typical.upperBound),
                explanation: "\(measured), more than the typical \(range) (a rule of thumb): the threshold shapes "
                    + "many steps rather than catching the occasional spike.")
        }
        if rate < typical.lowerBound {
            return HealthFinding(
                rule: .clipRate, level: .healthy, value: rate, condition: .below(typical.lowerBound),
                explanation: "\(measured), below the typical \(range): the threshold only catches rare spikes, "
                    + "or clipping is off. Not a problem.")
        }
        return HealthFinding(rule: .clipRate, level: .healthy, value: rate, condition: .within(typical),
                             explanation: "\(measured), within the typical \(range) (a rule of thumb).")
    }

    private func updateRatioFinding(_ thresholds: HealthThresholds) -> HealthFinding {
        let ratio = updateRatioMedian, range = thresholds.updateRatioHealthy
        let measured = "The median step moves the weights by \(MonitorText.number(ratio)) of their norm"
        let source = "(CS231n's rule of thumb: about 1e-3)"
        if ratio < range.lowerBound {
            return HealthFinding(
                rule: .updateRatio, level: .warning, value: ratio, condition: .below(range.lowerBound),
                explanation: "\(measured), below \(MonitorText.number(range.lowerBound)) \(source): "
                    + "the learning rate is probably too low.")
        }
        if ratio > range.upperBound {
            return HealthFinding(
                rule: .updateRatio, level: .warning, value: ratio, condition: .above(range.upperBound),
                explanation: "\(measured), above \(MonitorText.number(range.upperBound)) \(source): "
                    + "the learning rate is probably too high.")
        }
        return HealthFinding(
            rule: .updateRatio, level: .healthy, value: ratio, condition: .within(range),
            explanation: "\(measured), within \(MonitorText.number(range.lowerBound))–"
                + "\(MonitorText.number(range.upperBound)) \(source).")
    }

    private static func steps(_ count: Int) -> String { count == 1 ? "step" : "steps" }
}
