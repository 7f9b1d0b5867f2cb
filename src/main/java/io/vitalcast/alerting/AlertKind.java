package io.vitalcast.alerting;

/** What an alert is about. */
public enum AlertKind {
    /** Observed steps deviate from their forecasts beyond the calibrated interval, sustained over several steps. */
    DEVIATION,
    /** The observed value is beyond the configured clinical limits. */
    LIMIT,
    /** The forecast crosses the clinical limits within the horizon; carries the lead time. */
    PREDICTED_LIMIT,
    /**
     * A technical alert: the signal itself cannot be believed (dropout, flat line, impossible jump, saturation);
     * carries the problem. While it is open the clinical kinds above do not open for that signal.
     */
    SENSOR
}
