package io.vitalcast.quality;

/**
 * One signal's signal-quality thresholds. Each rule can be switched off on its own: a flat-line length of 0, and a
 * NaN jump or saturation threshold, disable it. The built-in values and their physiological reasons are in
 * {@link io.vitalcast.data.SignalCatalog}.
 *
 * @param flatSteps      a value repeated exactly for this many consecutive steps is a flat line (0: off)
 * @param maxJumpPerStep the largest believable change between consecutive steps, in the signal's unit (NaN: off);
 *                       across k missing steps k + 1 times this is allowed
 * @param saturationLow  a value at or below this is pinned at the device's lower limit (NaN: off)
 * @param saturationHigh a value at or above this is pinned at the device's upper limit (NaN: off)
 * @param clearSteps     good steps after a bad one before a SENSOR alert resolves and clinical alerts may open
 */
public record QualitySpec(int flatSteps, double maxJumpPerStep, double saturationLow, double saturationHigh,
                          int clearSteps) {

    public QualitySpec {
        if (flatSteps < 0 || flatSteps == 1) {
            throw new IllegalArgumentException("flat-line steps must be 0 (off) or at least 2, got " + flatSteps);
        }
        if (!(Double.isNaN(maxJumpPerStep) || maxJumpPerStep > 0) || Double.isInfinite(maxJumpPerStep)) {
            throw new IllegalArgumentException("the maximum jump per step must be positive (or NaN: off), got "
                + maxJumpPerStep);
        }
        if (!Double.isNaN(saturationLow) && !Double.isNaN(saturationHigh) && !(saturationLow < saturationHigh)) {
            throw new IllegalArgumentException("saturation low " + saturationLow + " must be below high "
                + saturationHigh);
        }
        if (clearSteps < 1) {
            throw new IllegalArgumentException("clear steps must be at least 1, got " + clearSteps);
        }
    }

    /** No rule on: every step with a valid value is good (sensor-off readings are still dropouts). */
    public static QualitySpec off() {
        return new QualitySpec(0, Double.NaN, Double.NaN, Double.NaN, 1);
    }

    public QualitySpec withFlatSteps(int steps) {
        return new QualitySpec(steps, maxJumpPerStep, saturationLow, saturationHigh, clearSteps);
    }

    public QualitySpec withMaxJumpPerStep(double jump) {
        return new QualitySpec(flatSteps, jump, saturationLow, saturationHigh, clearSteps);
    }

    public QualitySpec withSaturationLow(double low) {
        return new QualitySpec(flatSteps, maxJumpPerStep, low, saturationHigh, clearSteps);
    }

    public QualitySpec withSaturationHigh(double high) {
        return new QualitySpec(flatSteps, maxJumpPerStep, saturationLow, high, clearSteps);
    }

    public QualitySpec withClearSteps(int steps) {
        return new QualitySpec(flatSteps, maxJumpPerStep, saturationLow, saturationHigh, steps);
    }
}
