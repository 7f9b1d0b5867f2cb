package io.vitalcast.streaming;

/**
 * The running mean of the readings in one fixed-step window, and the last record that fed it.
 *
 * @param patientId patient
 * @param signal    signal
 * @param sum       sum of values
 * @param count     readings
 * @param source    the last input record
 */
public record StepAccumulator(String patientId, String signal, double sum, int count, SourceRecord source) {

    public static StepAccumulator empty() {
        return new StepAccumulator(null, null, 0, 0, null);
    }

    public StepAccumulator add(ReadingEvent reading) {
        return new StepAccumulator(reading.patientId(), reading.signal(), sum + reading.value(), count + 1,
            reading.source());
    }

    /** The step of the window starting at {@code windowStartMs}. */
    public StepValue toStep(long windowStartMs) {
        return new StepValue(patientId, signal, windowStartMs, sum / count, count, source);
    }
}
