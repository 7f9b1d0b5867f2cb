package io.vitalcast.streaming;

import java.time.Instant;

/**
 * {@link Instant#toString()} (ISO-8601, UTC, the fraction in groups of three digits as needed) for the instants a
 * forecast record carries, eleven per forecast: whole milliseconds from 1970 to 9999 are written from the date's
 * fields directly, several times faster than {@code DateTimeFormatter.ISO_INSTANT}; for any other instant it writes
 * nothing and the caller writes {@link Instant#toString()}, so that the text is the same for every instant.
 */
final class IsoInstants {
    /** 9999-12-31T23:59:59.999Z. */
    private static final long LAST_FAST_MS = 253_402_300_799_999L;

    private IsoInstants() {
    }

    /** The longest text {@link #write} writes. */
    static final int MAX_LENGTH = 24;

    /**
     * Writes the instant's text into {@code text} (at least {@link #MAX_LENGTH} long) and returns its length, or
     * returns -1 and writes nothing for an instant outside the fast range, whose text is {@link Instant#toString()}.
     */
    static int write(Instant instant, char[] text) {
        if (instant.getNano() % 1_000_000 != 0) {
            return -1;
        }
        long ms = instant.toEpochMilli();
        if (ms < 0 || ms > LAST_FAST_MS) {
            return -1;
        }
        long days = ms / 86_400_000L;
        int msOfDay = (int) (ms - days * 86_400_000L);
        // civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms")
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        int millis = msOfDay % 1000;
        int seconds = msOfDay / 1000;
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, seconds / 3600, 2);
        text[13] = ':';
        digits(text, 14, seconds / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, seconds % 60, 2);
        int length = 19;
        if (millis != 0) {
            text[19] = '.';
            digits(text, 20, millis, 3);
            length = 23;
        }
        text[length] = 'Z';
        return length + 1;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
