package io.vitalcast.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in configuration and on the command line: ISO-8601 or 500ms, 30s, 5m, 1h. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or null when the text is neither form. */
    public static Duration parse(String text) {
        Matcher matcher = SHORT.matcher(text.trim());
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(text.trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
