package io.vitalcast.alerting;

/**
 * Clinical alarm limits of one signal: an observed value beyond them raises a {@code LIMIT} alert, a forecast
 * crossing them within the horizon a {@code PREDICTED_LIMIT} alert. Either bound may be absent (NaN).
 *
 * @param low  lowest acceptable value, or NaN for none
 * @param high highest acceptable value, or NaN for none
 */
public record ClinicalLimits(double low, double high) {

    public ClinicalLimits {
        if (!Double.isNaN(low) && !Double.isNaN(high) && !(low < high)) {
            throw new IllegalArgumentException("low limit " + low + " must be below high limit " + high);
        }
    }

    /** No limits. */
    public static ClinicalLimits none() {
        return new ClinicalLimits(Double.NaN, Double.NaN);
    }

    /** Whether either bound is set. */
    public boolean hasAny() {
        return !Double.isNaN(low) || !Double.isNaN(high);
    }

    /** Whether the value is below the low limit. */
    public boolean isBelow(double value) {
        return !Double.isNaN(low) && value < low;
    }

    /** Whether the value is above the high limit. */
    public boolean isAbove(double value) {
        return !Double.isNaN(high) && value > high;
    }
}
