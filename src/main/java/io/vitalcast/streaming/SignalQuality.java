package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.vitalcast.data.SignalSpec;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;

/**
 * Judges each step of a series with the signal's quality rules ({@link QualityTracker}) and keeps the SENSOR
 * (technical) alert: it opens on the first bad step, carrying the problem, and resolves after the signal's
 * {@code clearSteps} consecutive good steps. While it is open, clinical alerts of the series may not open, so a
 * loose lead or a moved probe makes one technical alert rather than a clinical one. Pure and stateless; the state is
 * a {@link QualityStatus}.
 */
public final class SignalQuality {

    /**
     * The judgement of one step.
     *
     * @param status     the quality state after the step
     * @param bad        whether the step itself is bad (it is then neither scored nor added to the history)
     * @param suppressed whether clinical alerts may not open at this step (a SENSOR alert is open after it)
     * @param alerts     SENSOR alert events, possibly none
     */
    public record Assessment(QualityStatus status, boolean bad, boolean suppressed, List<AlertEvent> alerts) {
    }

    /**
     * Judges a step; a {@linkplain StepValue#isSensorOff() sensor-off marker} is a dropout.
     *
     * @param missing steps missing since the last judged step (0 for consecutive or event-driven steps)
     */
    public Assessment assess(QualityStatus status, StepValue step, SignalSpec spec, long missing) {
        QualityTracker.Verdict verdict = step.isSensorOff() ? status.tracker().sensorOff()
            : status.tracker().next(spec.quality(), step.value(), missing);
        long lastTimeMs = step.isSensorOff() ? status.lastTimeMs() : step.timeMs();
        List<AlertEvent> alerts = new ArrayList<>(1);
        AlertStatus sensor = transition(status.sensor(), verdict.problem(), status.tracker().lastValue(), step,
            spec, alerts);
        QualityStatus next = new QualityStatus(verdict.next(), lastTimeMs, verdict.problem(), sensor);
        return new Assessment(next, verdict.isBad(), sensor.isOpen(), alerts);
    }

    private static AlertStatus transition(AlertStatus sensor, QualityProblem problem, double previous,
                                          StepValue step, SignalSpec spec, List<AlertEvent> out) {
        Instant time = Instant.ofEpochMilli(step.timeMs());
        if (problem != null) {
            if (sensor.isOpen()) {
                return new AlertStatus(sensor.alertId(), sensor.severity(), sensor.abnormalRun() + 1, 0);
            }
            String seed = step.patientId() + '\u0000' + step.signal() + '\u0000' + AlertKind.SENSOR + '\u0000'
                + step.timeMs();
            String id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
            out.add(event(id, AlertState.OPEN, step, spec, time, problem, describe(problem, previous, step, spec)
                + "; clinical alerts of this signal are suppressed until it is good again"));
            return new AlertStatus(id, Severity.WARNING, 1, 0);
        }
        int normal = sensor.normalRun() + 1;
        if (sensor.isOpen() && normal >= spec.quality().clearSteps()) {
            out.add(event(sensor.alertId(), AlertState.RESOLVED, step, spec, time, null, String.format(Locale.ROOT,
                "%s signal good again for %d step(s)", step.signal(), normal)));
            return new AlertStatus(null, null, 0, normal);
        }
        return new AlertStatus(sensor.alertId(), sensor.severity(), 0, normal);
    }

    private static AlertEvent event(String id, AlertState state, StepValue step, SignalSpec spec, Instant time,
                                    QualityProblem problem, String message) {
        return new AlertEvent(id, step.patientId(), step.signal(), AlertKind.SENSOR, Severity.WARNING, state, time,
            step.value(), null, null, null, null, spec.unit(), message, problem);
    }

    private static String describe(QualityProblem problem, double previous, StepValue step, SignalSpec spec) {
        String signal = step.signal();
        String unit = spec.unit();
        return switch (problem) {
            case DROPOUT -> signal + " sensor reports 'not connected'";
            case FLAT_LINE -> String.format(Locale.ROOT, "%s flat at %.4g %s for %d steps", signal, step.value(), unit,
                spec.quality().flatSteps());
            case IMPOSSIBLE_JUMP -> String.format(Locale.ROOT, "%s jumped from %.4g to %.4g %s, more than the "
                + "believable %.4g per step", signal, previous, step.value(), unit, spec.quality().maxJumpPerStep());
            case SATURATION -> String.format(Locale.ROOT, "%s %.4g %s is at the measuring limit", signal,
                step.value(), unit);
        };
    }
}
