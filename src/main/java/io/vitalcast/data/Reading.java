package io.vitalcast.data;

import java.time.Instant;
import java.util.Objects;

/**
 * One measured value of one signal of one patient, as it came from the source: not yet validated.
 *
 * @param timestamp when it was measured
 * @param patientId whose it is
 * @param signal    signal name, as in the {@link SignalCatalog}
 * @param value     the value, possibly NaN or out of range
 * @param unit      the unit the source states, or null when it states none
 */
public record Reading(Instant timestamp, String patientId, String signal, double value, String unit) {

    public Reading {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(signal, "signal");
        if (unit != null && unit.isBlank()) {
            unit = null;
        }
    }
}
