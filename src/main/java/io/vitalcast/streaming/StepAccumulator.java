package io.vitalcast.streaming;

import io.vitalcast.series.SourceRecord;
import io.vitalcast.series.StepValue;

/**
 * The running mean of the readings in one fixed-step window, and where the last record that fed it came from
 * (topic, partition, offset and timestamp, without its bytes: the accumulator is written to the window store's
 * changelog and the suppression buffer on every reading, and a step is not one record anyway).
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
        SourceRecord source = reading.source();
        return new StepAccumulator(reading.patientId(), reading.signal(), sum + reading.value(), count + 1,
            new SourceRecord(source.topic(), source.partition(), source.offset(), source.timestamp(), null, null));
    }

    /** The step of the window starting at {@code windowStartMs}. */
    public StepValue toStep(long windowStartMs) {
        return new StepValue(patientId, signal, windowStartMs, sum / count, count, source);
    }
}
