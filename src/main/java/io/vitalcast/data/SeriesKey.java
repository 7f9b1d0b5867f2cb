package io.vitalcast.data;

import java.util.Objects;

/**
 * Which series a reading belongs to: one patient, one signal.
 *
 * @param patientId patient
 * @param signal    signal name
 */
public record SeriesKey(String patientId, String signal) {

    public SeriesKey {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(signal, "signal");
    }

    public static SeriesKey of(Reading reading) {
        return new SeriesKey(reading.patientId(), reading.signal());
    }

    @Override
    public String toString() {
        return patientId + "/" + signal;
    }
}
