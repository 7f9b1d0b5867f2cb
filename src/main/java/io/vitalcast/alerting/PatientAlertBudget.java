package io.vitalcast.alerting;

import java.util.Arrays;

/**
 * One patient's alerts of the last hour, to enforce the cap on alerts per patient-hour across all signals: the
 * times the alerts opened within the last hour (event time), and how many were held back by the cap since the last
 * alert event published, which that next event reports.
 *
 * @param openedMs   open times within the last hour, oldest first
 * @param suppressed alerts held back by the cap not yet reported
 */
public record PatientAlertBudget(long[] openedMs, int suppressed) {
    static final long HOUR_MS = 3_600_000L;

    public PatientAlertBudget {
        openedMs = openedMs == null ? new long[0] : openedMs;
    }

    public static PatientAlertBudget empty() {
        return new PatientAlertBudget(new long[0], 0);
    }

    /** The budget after an alert opened at this time, or null when {@code cap} alerts opened within the hour. */
    PatientAlertBudget admit(long nowMs, int cap) {
        long[] recent = Arrays.stream(openedMs).filter(t -> t > nowMs - HOUR_MS).toArray();
        if (recent.length >= cap) {
            return null;
        }
        long[] next = Arrays.copyOf(recent, recent.length + 1);
        next[recent.length] = nowMs;
        return new PatientAlertBudget(next, suppressed);
    }

    PatientAlertBudget withSuppressed(int count) {
        return new PatientAlertBudget(openedMs, count);
    }
}
