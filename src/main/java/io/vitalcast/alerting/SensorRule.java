package io.vitalcast.alerting;

import java.time.Instant;
import java.util.Locale;

import io.vitalcast.quality.QualityProblem;

/**
 * SENSOR, the technical alert: it opens on the first bad step (dropout, flat line, impossible jump, saturation),
 * carrying the problem, and resolves after the signal's quality {@code clearSteps} consecutive good steps. Always a
 * WARNING; it neither escalates nor counts against the patient's hourly cap. While it is open, or held back by a
 * snooze, the clinical kinds of the series are frozen, so a loose lead or a moved probe makes one technical alert
 * rather than clinical ones.
 */
final class SensorRule implements AlertRule {

    @Override
    public Finding observe(StepFacts facts, AlertStates states) {
        QualityProblem problem = facts.problem();
        AlertStatus sensor = states.of(AlertKind.SENSOR);
        int goodRun = problem == null ? sensor.normalRun() + 1 : 0;
        return new Finding(new AlertStateMachine.Observation(problem != null, problem == null, Severity.WARNING),
            (id, severity, state, suppressed) -> new AlertEvent(id, facts.step().patientId(),
                facts.step().signal(), AlertKind.SENSOR, Severity.WARNING, state,
                Instant.ofEpochMilli(facts.step().timeMs()), facts.step().value(), null, null, null, null,
                facts.unit(), state == AlertState.RESOLVED
                    ? String.format(Locale.ROOT, "%s signal good again for %d step(s)", facts.step().signal(), goodRun)
                    : describe(problem, facts) + "; clinical alerts of this signal are suppressed until it is good again",
                state == AlertState.OPEN ? problem : null));
    }

    /** One bad step opens; the quality rules' clear steps resolve; no re-alert interval, no escalation. */
    @Override
    public AlertPolicy policy(StepFacts facts) {
        return new AlertPolicy(0, 1, facts.quality().clearSteps(), AlertDirection.BOTH);
    }

    private static String describe(QualityProblem problem, StepFacts facts) {
        SeriesStep step = facts.step();
        String signal = step.signal();
        String unit = facts.unit();
        return switch (problem) {
            case DROPOUT -> signal + " sensor reports 'not connected'";
            case FLAT_LINE -> String.format(Locale.ROOT, "%s flat at %.4g %s for %d steps", signal, step.value(), unit,
                facts.quality().flatSteps());
            case IMPOSSIBLE_JUMP -> String.format(Locale.ROOT, "%s jumped from %.4g to %.4g %s, more than the "
                + "believable %.4g per step", signal, facts.previous(), step.value(), unit,
                facts.quality().maxJumpPerStep());
            case SATURATION -> String.format(Locale.ROOT, "%s %.4g %s is at the measuring limit", signal,
                step.value(), unit);
        };
    }
}
