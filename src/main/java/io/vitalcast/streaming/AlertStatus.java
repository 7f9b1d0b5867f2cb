package io.vitalcast.streaming;

/**
 * The hysteresis state of one alert kind of one series: runs of abnormal and normal steps, and the open alert.
 *
 * @param alertId     id of the open alert, or null when none is open
 * @param severity    severity of the open alert, or null
 * @param abnormalRun consecutive abnormal steps
 * @param normalRun   consecutive normal steps
 */
public record AlertStatus(String alertId, Severity severity, int abnormalRun, int normalRun) {

    /** Nothing open, no run. */
    public static AlertStatus idle() {
        return new AlertStatus(null, null, 0, 0);
    }

    public boolean isOpen() {
        return alertId != null;
    }
}
