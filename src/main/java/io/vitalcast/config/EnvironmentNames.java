package io.vitalcast.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Maps environment variable names to configuration keys. {@code VITALCAST_X_Y} is {@code vitalcast.x.y}, except
 * that the signal part of per-signal keys keeps its underscores ({@code VITALCAST_LIMITS_HEART_RATE_LOW} is
 * {@code vitalcast.limits.heart_rate.low}); {@code KAFKA_X_Y} is the Kafka client key {@code x.y}.
 */
final class EnvironmentNames {
    static final String VITALCAST_PREFIX = "VITALCAST_";
    static final String KAFKA_PREFIX = "KAFKA_";

    private static final String LIMITS = "vitalcast.limits.";
    private static final String SIGNALS = "vitalcast.signals.";

    private EnvironmentNames() {
    }

    /** The Vitalcast key of a {@code VITALCAST_} variable, or empty for any other variable. */
    static Optional<String> vitalcastKey(String variable) {
        if (!variable.startsWith(VITALCAST_PREFIX)) {
            return Optional.empty();
        }
        String dotted = variable.toLowerCase(Locale.ROOT).replace('_', '.');
        for (String side : new String[] {".low", ".high"}) {
            if (dotted.startsWith(LIMITS) && dotted.endsWith(side) && dotted.length() > LIMITS.length() + side.length()) {
                return Optional.of(LIMITS + signal(dotted, LIMITS, side) + side);
            }
        }
        if (dotted.startsWith(SIGNALS) && dotted.endsWith(".step") && dotted.length() > SIGNALS.length() + 5) {
            return Optional.of(SIGNALS + signal(dotted, SIGNALS, ".step") + ".step");
        }
        return Optional.of(dotted);
    }

    /** The Kafka key of a {@code KAFKA_} variable, or empty for any other variable. */
    static Optional<String> kafkaKey(String variable) {
        if (!variable.startsWith(KAFKA_PREFIX) || variable.length() == KAFKA_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(variable.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
    }

    private static String signal(String dotted, String prefix, String suffix) {
        return dotted.substring(prefix.length(), dotted.length() - suffix.length()).replace('.', '_');
    }
}
