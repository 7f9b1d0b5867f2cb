package io.vitalcast.config;

import java.util.Locale;

/**
 * One configuration entry as written, before parsing, with where it came from for error messages.
 *
 * @param key    the configuration key, e.g. {@code vitalcast.alert.margin} or {@code bootstrap.servers}
 * @param value  the text given
 * @param origin the layer and place, e.g. "environment variable VITALCAST_ALERT_MARGIN"
 */
public record Setting(String key, String value, String origin) {

    /** The value as it may appear in a message: secrets (passwords, JAAS configurations) are hidden. */
    public String shown() {
        return isSecret(key) ? HIDDEN : value;
    }

    static final String HIDDEN = "[hidden]";

    /** Whether the value of a key must never be printed. */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("jaas")
            || lower.endsWith(".key");
    }
}
