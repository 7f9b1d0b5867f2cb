package io.vitalcast.series;

import io.vitalcast.alerting.SeriesStep;

/**
 * One step of a series: for a fixed-step signal the mean of the readings of a closed window, for an event-driven
 * signal one reading.
 *
 * @param patientId patient
 * @param signal    signal
 * @param timeMs    start of the step's window, or the reading's time for an event-driven signal
 * @param value     the step's value
 * @param readings  readings averaged into it
 * @param source    the (last) input record it came from, for rejections
 */
public record StepValue(String patientId, String signal, long timeMs, double value, int readings,
                        SourceRecord source) {

    /**
     * A marker that a sensor-off reading arrived (the reading itself goes to the rejected topic): it lets the series
     * raise a SENSOR dropout alert, and carries no value.
     */
    public static StepValue sensorOff(String patientId, String signal, long timeMs, SourceRecord source) {
        return new StepValue(patientId, signal, timeMs, Double.NaN, 0, source);
    }

    /** This step as the alert rules see it. */
    public SeriesStep subject() {
        return new SeriesStep(patientId, signal, timeMs, value);
    }

    /** Whether this is a {@linkplain #sensorOff sensor-off marker} rather than a step with a value. */
    public boolean isSensorOff() {
        return readings == 0;
    }
}
