package io.vitalcast.alerting;

/**
 * One step of one series as the alert rules see it: whose, which signal, when, and its value. The alert engine needs
 * no more of the step than this, so it stays free of how steps are made (windows, Kafka records).
 *
 * @param patientId patient
 * @param signal    signal
 * @param timeMs    time of the step
 * @param value     the step's value (NaN for a sensor-off marker)
 */
public record SeriesStep(String patientId, String signal, long timeMs, double value) {
}
