package io.vitalcast.data;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to read a wide CSV (one column per signal, one row per time, as PhysioNet exports are): which column holds
 * the time and in what unit, the instant that time 0 means (PhysioNet records are de-identified and start at 0), which
 * columns to read as which signals, and whose readings they are.
 *
 * @param timeColumn name of the time column
 * @param timeUnit   how the time column is written
 * @param origin     the instant of time 0 for numeric time units
 * @param columns    column name to signal name, in output order
 * @param patientId  patient id given to every reading
 */
public record WideCsvOptions(String timeColumn, TimeUnitOption timeUnit, Instant origin, Map<String, String> columns,
                             String patientId) {
    /** Origin used when none is given. */
    public static final Instant DEFAULT_ORIGIN = Instant.parse("2000-01-01T00:00:00Z");

    public WideCsvOptions {
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(timeUnit, "timeUnit");
        Objects.requireNonNull(patientId, "patientId");
        origin = origin == null ? DEFAULT_ORIGIN : origin;
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("at least one column must be mapped to a signal");
        }
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** Options with the default origin. */
    public WideCsvOptions(String timeColumn, TimeUnitOption timeUnit, Map<String, String> columns, String patientId) {
        this(timeColumn, timeUnit, DEFAULT_ORIGIN, columns, patientId);
    }
}
