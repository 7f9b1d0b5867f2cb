package io.vitalcast.streaming;

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
}
