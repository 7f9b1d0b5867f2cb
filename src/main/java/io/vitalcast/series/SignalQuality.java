package io.vitalcast.series;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.alerting.Severity;
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
        return assess(status, step, spec, missing, AlertContext.unlimited());
    }

    /**
     * Judges a step with the patient's acknowledgements: a SENSOR alert snoozed until a time holds back, once it
     * resolves, any new SENSOR alert of the series until then (counted as held back; clinical alerts stay frozen
     * while the signal is bad all the same).
     */
    public Assessment assess(QualityStatus status, StepValue step, SignalSpec spec, long missing,
                             AlertContext alerting) {
        QualityTracker.Verdict verdict = step.isSensorOff() ? status.tracker().sensorOff()
            : status.tracker().next(spec.quality(), step.value(), missing);
        long lastTimeMs = step.isSensorOff() ? status.lastTimeMs() : step.timeMs();
        List<AlertEvent> alerts = new ArrayList<>(1);
        AlertStatus sensor = transition(status.sensor(), verdict.problem(), status.tracker().lastValue(), step,
            spec, alerting, alerts);
        QualityStatus next = new QualityStatus(verdict.next(), lastTimeMs, verdict.problem(), sensor);
        return new Assessment(next, verdict.isBad(), sensor.isOpen() || sensor.held(), alerts);
    }

    private static AlertStatus transition(AlertStatus sensor, QualityProblem problem, double previous,
                                          StepValue step, SignalSpec spec, AlertContext alerting,
                                          List<AlertEvent> out) {
        Instant time = Instant.ofEpochMilli(step.timeMs());
        long now = step.timeMs();
        if (problem != null) {
            if (sensor.isOpen()) {
                return withRuns(sensor, sensor.alertId(), sensor.severity(), sensor.abnormalRun() + 1, 0,
                    sensor.held());
            }
            if (sensor.snoozedUntilMs() > now) {
                if (!sensor.held()) {
                    alerting.suppressed(AlertKind.SENSOR, "snoozed");
                }
                return withRuns(sensor, null, null, sensor.abnormalRun() + 1, 0, true);
            }
            String seed = step.patientId() + '\u0000' + step.signal() + '\u0000' + AlertKind.SENSOR + '\u0000'
                + step.timeMs();
            String id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
            out.add(event(id, AlertState.OPEN, step, spec, time, problem, describe(problem, previous, step, spec)
                + "; clinical alerts of this signal are suppressed until it is good again"));
            return withRuns(sensor, id, Severity.WARNING, 1, 0, false);
        }
        int normal = sensor.normalRun() + 1;
        if ((sensor.isOpen() || sensor.held()) && normal >= spec.quality().clearSteps()) {
            long snoozedUntil = sensor.snoozedUntilMs();
            if (sensor.isOpen()) {
                Acknowledgement ack = alerting.ackOf(sensor.alertId());
                if (ack != null) {
                    snoozedUntil = Math.max(snoozedUntil, ack.holdAfterResolve(now));
                }
                alerting.resolved(sensor.alertId());
                out.add(event(sensor.alertId(), AlertState.RESOLVED, step, spec, time, null,
                    String.format(Locale.ROOT, "%s signal good again for %d step(s)", step.signal(), normal)));
            }
            return new AlertStatus(null, null, 0, normal, 0L, -1, now, snoozedUntil, false);
        }
        return withRuns(sensor, sensor.alertId(), sensor.severity(), 0, normal, sensor.held());
    }

    private static AlertStatus withRuns(AlertStatus sensor, String id, Severity severity, int abnormalRun,
                                        int normalRun, boolean held) {
        return new AlertStatus(id, severity, abnormalRun, normalRun, 0L, -1, sensor.resolvedAtMs(),
            sensor.snoozedUntilMs(), held);
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
