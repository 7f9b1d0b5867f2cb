package io.vitalcast.streaming;

/** What an alert is about. */
public enum AlertKind {
    /** Observed steps deviate from their forecasts beyond the calibrated interval, sustained over several steps. */
    DEVIATION,
    /** The observed value is beyond the configured clinical limits. */
    LIMIT,
    /** The forecast crosses the clinical limits within the horizon; carries the lead time. */
    PREDICTED_LIMIT
}
