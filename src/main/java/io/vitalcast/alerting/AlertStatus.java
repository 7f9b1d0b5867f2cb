package io.vitalcast.alerting;

/**
 * The state of one alert kind of one series between steps, kept by {@link AlertStateMachine}: runs of abnormal and
 * normal steps, the recent abnormal steps for m-of-n, the open alert, and what holds back the next one.
 *
 * @param alertId        id of the open alert, or null when none is open
 * @param severity       severity of the open alert, or null
 * @param abnormalRun    consecutive abnormal steps
 * @param normalRun      consecutive normal steps
 * @param recentAbnormal the last steps, bit 0 the latest, set where the step was abnormal (m-of-n)
 * @param openedAtMs     when the open alert opened, or -1
 * @param resolvedAtMs   when the last alert of this kind resolved, or -1 (re-alert interval)
 * @param snoozedUntilMs no new alert of this kind opens before this time (a snoozed alert resolved), or -1
 * @param held           an episode is in progress whose alert was held back (re-alert interval, snooze or the
 *                       hourly cap) and counted as suppressed; it ends silently after the clear steps
 */
public record AlertStatus(String alertId, Severity severity, int abnormalRun, int normalRun, long recentAbnormal,
                          long openedAtMs, long resolvedAtMs, long snoozedUntilMs, boolean held) {

    public AlertStatus(String alertId, Severity severity, int abnormalRun, int normalRun) {
        this(alertId, severity, abnormalRun, normalRun, 0L, -1, -1, -1, false);
    }

    /** Nothing open, no run. */
    public static AlertStatus idle() {
        return new AlertStatus(null, null, 0, 0);
    }

    public boolean isOpen() {
        return alertId != null;
    }
}
