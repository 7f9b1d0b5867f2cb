package io.vitalcast.alerting;

import java.util.Locale;

/** LIMIT: the observed value is beyond the signal's clinical limits; always CRITICAL. Every good step is judged. */
final class LimitRule implements AlertRule {

    @Override
    public Finding observe(StepFacts facts, AlertStates states) {
        if (facts.isBad()) {
            return null;
        }
        ClinicalLimits limits = facts.limits();
        SeriesStep step = facts.step();
        double value = step.value();
        boolean beyond = limits.isBelow(value) || limits.isAbove(value);
        return new Finding(new AlertStateMachine.Observation(beyond, !beyond, Severity.CRITICAL),
            ClinicalEvents.of(AlertKind.LIMIT, facts, null, null, null, null, null,
                () -> String.format(Locale.ROOT, "%s %.4g %s is %s", step.signal(), value, facts.unit(),
                    limits.isBelow(value) ? "below the low limit " + limits.low()
                        : limits.isAbove(value) ? "above the high limit " + limits.high() : "within limits"),
                () -> String.format(Locale.ROOT, "%s %.4g %s is back within its limits", step.signal(), value,
                    facts.unit())));
    }
}
