package io.vitalcast.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import io.vitalcast.errors.UserException;

/**
 * How the time column of a wide CSV is written: a number of seconds, milliseconds or minutes from an origin, or an
 * ISO-8601 timestamp.
 */
public enum TimeUnitOption {
    SECONDS("s", 1e9),
    MILLISECONDS("ms", 1e6),
    MINUTES("min", 60e9),
    ISO("iso", Double.NaN);

    private final String symbol;
    private final double nanosPerUnit;

    TimeUnitOption(String symbol, double nanosPerUnit) {
        this.symbol = symbol;
        this.nanosPerUnit = nanosPerUnit;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * Parses {@code s}, {@code ms}, {@code min}, {@code iso} or the constant name, ignoring case.
     *
     * @throws UserException for any other text, which comes from {@code --time-unit}
     */
    public static TimeUnitOption parse(String text) {
        for (TimeUnitOption unit : values()) {
            if (unit.symbol.equalsIgnoreCase(text) || unit.name().equalsIgnoreCase(text)) {
                return unit;
            }
        }
        throw new UserException("unknown time unit '" + text + "'; use one of "
            + Arrays.stream(values()).map(TimeUnitOption::symbol).toList());
    }

    /**
     * The instant a cell denotes.
     *
     * @throws IllegalArgumentException when the cell is not a number (or not a timestamp for {@link #ISO})
     */
    public Instant toInstant(String cell, Instant origin) {
        if (this == ISO) {
            return parseTimestamp(cell);
        }
        double amount = Double.parseDouble(cell);
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("time '" + cell + "' is not finite");
        }
        return origin.plusNanos(Math.round(amount * nanosPerUnit));
    }

    /** An ISO-8601 instant, offset date-time or local date-time (taken as UTC). */
    static Instant parseTimestamp(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 timestamp");
                }
            }
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
