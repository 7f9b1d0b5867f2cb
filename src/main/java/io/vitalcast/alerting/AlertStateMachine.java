package io.vitalcast.alerting;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The alarm policy engine: moves one alert kind of one series through its lifecycle, step by step, under an
 * {@link AlertPolicy}, publishing OPEN, UPDATE and RESOLVED events with one stable id per alert.
 *
 * <ul>
 *   <li>Opens when at least {@code sustainSteps} of the last {@code windowSteps} steps were abnormal, unless held
 *       back: within the re-alert interval after the last resolve of the kind, while a snooze of the kind runs, or
 *       when the patient reached the cap of alerts per hour (clinical kinds only). A held-back episode is counted
 *       once as suppressed and opens for real as soon as what held it back ends while it is still abnormal; it ends
 *       silently after {@code clearSteps} normal steps.</li>
 *   <li>Escalates (an UPDATE, same id) when the caller's severity rises or the alert has been open for
 *       {@code criticalAfter}, except while it is acknowledged or snoozed: the escalation is then recorded without
 *       an event.</li>
 *   <li>Resolves after {@code clearSteps} consecutive normal steps; "normal" is the caller's exit condition, which
 *       may be stricter than "not abnormal" (hysteresis).</li>
 * </ul>
 * Stateless: everything it remembers is in the {@link AlertStatus} it returns.
 */
public final class AlertStateMachine {

    /**
     * What the caller saw at this step for the alert kind.
     *
     * @param abnormal the step passes the enter condition
     * @param normal   the step passes the exit condition
     * @param severity severity the step warrants
     */
    public record Observation(boolean abnormal, boolean normal, Severity severity) {
    }

    /** Builds the event of this step for an alert. */
    @FunctionalInterface
    public interface EventFactory {
        AlertEvent event(String alertId, Severity severity, AlertState state, Integer suppressed);
    }

    private AlertStateMachine() {
    }

    public static AlertStatus step(AlertStatus status, Observation seen, AlertPolicy policy, AlertKind kind,
                            SeriesStep step, AlertContext context, EventFactory events, List<AlertEvent> out) {
        long now = step.timeMs();
        long mask = policy.windowSteps() >= 64 ? -1L : (1L << policy.windowSteps()) - 1;
        long recent = ((status.recentAbnormal() << 1) | (seen.abnormal() ? 1 : 0)) & mask;
        int abnormalRun = seen.abnormal() ? status.abnormalRun() + 1 : 0;
        int normalRun = seen.normal() ? status.normalRun() + 1 : 0;
        long snoozedUntil = status.snoozedUntilMs() > now ? status.snoozedUntilMs() : -1;

        if (status.isOpen()) {
            if (normalRun >= policy.clearSteps()) {
                out.add(events.event(status.alertId(), status.severity(), AlertState.RESOLVED,
                    heldBackByCap(kind, context)));
                Acknowledgement ack = context.ackOf(status.alertId());
                if (ack != null) {
                    snoozedUntil = Math.max(snoozedUntil, ack.holdAfterResolve(now));
                }
                context.resolved(status.alertId());
                return new AlertStatus(null, null, abnormalRun, normalRun, 0L, -1, now, snoozedUntil, false);
            }
            Severity severity = status.severity();
            Severity warranted = seen.severity();
            if (!seen.normal() && !policy.criticalAfter().isZero()
                && now - status.openedAtMs() >= policy.criticalAfter().toMillis()) {
                warranted = Severity.CRITICAL;
            }
            if (warranted.compareTo(severity) > 0) {
                severity = warranted;
                Acknowledgement ack = context.ackOf(status.alertId());
                if (ack != null && ack.holdsUpdates(now)) {
                    context.suppressed(kind, "acknowledged");
                } else {
                    out.add(events.event(status.alertId(), severity, AlertState.UPDATE, heldBackByCap(kind, context)));
                }
            }
            return new AlertStatus(status.alertId(), severity, abnormalRun, normalRun, recent, status.openedAtMs(),
                status.resolvedAtMs(), snoozedUntil, false);
        }

        if (status.held() && normalRun >= policy.clearSteps()) {
            return new AlertStatus(null, null, abnormalRun, normalRun, 0L, -1, status.resolvedAtMs(), snoozedUntil,
                false);
        }
        if (seen.abnormal() && Long.bitCount(recent) >= policy.sustainSteps()) {
            String reason = heldBack(status, snoozedUntil, policy, now);
            if (reason == null && kind.isClinical() && !context.admit(now)) {
                reason = "cap";
            }
            if (reason != null) {
                if (!status.held()) {
                    context.suppressed(kind, reason);
                }
                return new AlertStatus(null, null, abnormalRun, normalRun, recent, -1, status.resolvedAtMs(),
                    snoozedUntil, true);
            }
            String id = alertId(step, kind);
            out.add(events.event(id, seen.severity(), AlertState.OPEN, heldBackByCap(kind, context)));
            return new AlertStatus(id, seen.severity(), abnormalRun, normalRun, recent, now, status.resolvedAtMs(),
                snoozedUntil, false);
        }
        return new AlertStatus(null, null, abnormalRun, normalRun, recent, -1, status.resolvedAtMs(), snoozedUntil,
            status.held());
    }

    /** The alerts the hourly cap held back, reported by the next clinical event (technical ones are not capped). */
    private static Integer heldBackByCap(AlertKind kind, AlertContext context) {
        return kind.isClinical() ? context.takeSuppressed() : null;
    }

    private static String heldBack(AlertStatus status, long snoozedUntil, AlertPolicy policy, long now) {
        if (snoozedUntil > now) {
            return "snoozed";
        }
        if (status.resolvedAtMs() >= 0 && now - status.resolvedAtMs() < policy.reAlert().toMillis()) {
            return "realert";
        }
        return null;
    }

    static String alertId(SeriesStep step, AlertKind kind) {
        String seed = step.patientId() + '\u0000' + step.signal() + '\u0000' + kind + '\u0000' + step.timeMs();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
