package io.vitalcast.data;

/**
 * The resolution Vitalcast writes a signal's values at: what a monitor displays (0.1 bpm, 0.1 %, 0.1 breaths/min,
 * 0.1 mmHg; 1 ms for an RR interval in seconds), so that a consumer reads 72.4 rather than the 17 digits of a double.
 * Known by the unit, which every signal of the catalog has; computations keep full precision, only published values
 * are rounded.
 */
public final class Resolution {
    private Resolution() {
    }

    /** Decimals of a value in this unit. */
    public static int decimals(String unit) {
        return "s".equals(unit) ? 3 : 1;
    }

    /** The value at the unit's resolution (half away from zero); NaN and infinities as they are. */
    public static double round(String unit, double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals(unit));
        double rounded = Math.round(Math.abs(value) * scale) / scale;
        return Math.copySign(rounded, value);
    }

    /** {@link #round(String, double)} of a value that may be absent. */
    public static Double round(String unit, Double value) {
        return value == null ? null : round(unit, value.doubleValue());
    }
}
