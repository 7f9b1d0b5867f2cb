package io.vitalcast.alerting;

import java.util.Locale;

/**
 * DEVIATION: the step is further from the forecast made for it than the anomaly score's threshold
 * ({@link AlertPolicy#enterScore()}), on the side the policy counts; normal again below the exit score. Severity
 * says how dangerous the value is, not how surprising: above the critical score it is CRITICAL only when the value
 * is also beyond the signal's clinical limits (or the signal has none); a statistical surprise within the normal
 * range stays a WARNING (an SpO2 of 95.6% is not critical however unexpected). Per signal, limits of {@code none}
 * make the score alone decide, and {@code vitalcast.alert.<signal>.critical.ratio} moves the tier. A step that
 * cannot be scored (no forecast for it, or no scale yet) is not judged.
 */
final class DeviationRule implements AlertRule {

    @Override
    public Finding observe(StepFacts facts, AlertStates states) {
        StepFacts.Scoring scoring = facts.scoring();
        if (scoring == null || !Double.isFinite(scoring.scale())) {
            return null;
        }
        AlertPolicy policy = facts.policy();
        SeriesStep step = facts.step();
        double expected = scoring.expected();
        double scale = scoring.scale();
        double residual = step.value() - expected;
        double score = Math.abs(residual) / scale;
        boolean counted = policy.direction().counts(residual);
        boolean abnormal = counted && score > policy.enterScore();
        boolean normal = !counted || score <= policy.exitScore();
        ClinicalLimits limits = facts.limits();
        boolean dangerous = !limits.hasAny() || limits.isBelow(step.value()) || limits.isAbove(step.value());
        Severity severity = abnormal && score > policy.criticalScore() && dangerous ? Severity.CRITICAL
            : Severity.WARNING;
        return new Finding(new AlertStateMachine.Observation(abnormal, normal, severity),
            ClinicalEvents.of(AlertKind.DEVIATION, facts, expected, expected - scale, expected + scale, null, null,
                () -> String.format(Locale.ROOT, "%s %.4g %s is %s the forecast %.4g (expected %.4g to %.4g; score "
                    + "%.2f)", step.signal(), step.value(), facts.unit(), residual > 0 ? "above" : "below", expected,
                    expected - scale, expected + scale, score),
                () -> String.format(Locale.ROOT, "%s %.4g %s is back near its forecast %.4g (expected %.4g to %.4g; "
                    + "score %.2f)", step.signal(), step.value(), facts.unit(), expected, expected - scale,
                    expected + scale, score)));
    }
}
