package io.vitalcast.alerting;

import java.util.Locale;

/**
 * Which deviations from the forecast count for a signal's DEVIATION alerts, for signals where only one side is
 * clinically meaningful (for example only falls of SpO2, or only premature beats among RR intervals).
 */
public enum AlertDirection {
    /** Both sides of the interval. */
    BOTH,
    /** Only values below the interval. */
    BELOW,
    /** Only values above the interval. */
    ABOVE;

    /** Whether a residual (observed minus forecast) of this sign counts. */
    public boolean counts(double residual) {
        return this == BOTH || (this == BELOW ? residual < 0 : residual > 0);
    }

    public static AlertDirection parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected both, below or above, got '" + text + "'");
        }
    }
}
