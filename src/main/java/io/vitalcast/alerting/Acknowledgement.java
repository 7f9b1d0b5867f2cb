package io.vitalcast.alerting;

/**
 * A clinician system's acknowledgement of an open alert, from the alert-acks topic: ACK stops the alert's UPDATEs
 * (escalation) until it resolves (or until {@code untilMs}, when given); SNOOZE stops them until {@code untilMs} and,
 * when the alert resolves before then, keeps a new alert of the same kind for the series from opening until then.
 *
 * @param alertId   the acknowledged alert
 * @param patientId its patient (the record key)
 * @param action    ACK or SNOOZE
 * @param untilMs   end of the snooze (epoch ms), or -1 for an ACK without one
 * @param by        who acknowledged, or null
 */
public record Acknowledgement(String alertId, String patientId, Action action, long untilMs, String by) {

    /** What the clinician did. */
    public enum Action {
        ACK,
        SNOOZE
    }

    /** Whether the alert's UPDATEs are held back at this time. */
    public boolean holdsUpdates(long nowMs) {
        return untilMs < 0 ? action == Action.ACK : nowMs < untilMs;
    }

    /** Until when, after the alert resolves at {@code nowMs}, no new alert of its kind opens; -1 for no hold. */
    public long holdAfterResolve(long nowMs) {
        return action == Action.SNOOZE && untilMs > nowMs ? untilMs : -1;
    }
}
