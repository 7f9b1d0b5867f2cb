package io.vitalcast.quality;

/**
 * The signal-quality rules applied causally, one step at a time: what the rules need to remember of the past (the
 * last value and how long it has been repeated) as an immutable value. A step is judged against the previous
 * step's value, whatever that step's quality was, so that a sustained new level is believed after one step while
 * noise that keeps jumping stays bad.
 *
 * <p>Rules, in order: a sensor-off reading is a {@link QualityProblem#DROPOUT}; a value at or beyond a saturation
 * threshold is {@link QualityProblem#SATURATION}; a change from the previous value above
 * {@code (missing + 1) x maxJumpPerStep} is an {@link QualityProblem#IMPOSSIBLE_JUMP}; the {@code flatSteps}-th and
 * later consecutive exactly equal values are a {@link QualityProblem#FLAT_LINE}.
 *
 * @param lastValue the previous step's value, NaN before the first or after a dropout
 * @param flatRun   consecutive steps with exactly that value, the previous one included
 */
public record QualityTracker(double lastValue, int flatRun) {

    /** Nothing seen yet. */
    public static QualityTracker initial() {
        return new QualityTracker(Double.NaN, 0);
    }

    /**
     * The judgement of one step and the tracker after it.
     *
     * @param problem why the step is bad, or null when it is good
     * @param next    the tracker to use for the next step
     */
    public record Verdict(QualityProblem problem, QualityTracker next) {
        public boolean isBad() {
            return problem != null;
        }
    }

    /**
     * Judges a step.
     *
     * @param spec    the signal's thresholds
     * @param value   the step's value (a valid reading or the mean of a step's readings)
     * @param missing steps missing between the previous step and this one (0 when consecutive)
     */
    public Verdict next(QualitySpec spec, double value, long missing) {
        boolean same = value == lastValue;
        int run = same ? flatRun + 1 : 1;
        QualityTracker next = new QualityTracker(value, run);
        if ((!Double.isNaN(spec.saturationLow()) && value <= spec.saturationLow())
            || (!Double.isNaN(spec.saturationHigh()) && value >= spec.saturationHigh())) {
            return new Verdict(QualityProblem.SATURATION, next);
        }
        if (!Double.isNaN(spec.maxJumpPerStep()) && !Double.isNaN(lastValue)
            && Math.abs(value - lastValue) > spec.maxJumpPerStep() * (Math.max(missing, 0) + 1)) {
            return new Verdict(QualityProblem.IMPOSSIBLE_JUMP, next);
        }
        if (spec.flatSteps() > 0 && run >= spec.flatSteps()) {
            return new Verdict(QualityProblem.FLAT_LINE, next);
        }
        return new Verdict(null, next);
    }

    /** A sensor-off reading: a dropout, after which the next value is not compared with the one before it. */
    public Verdict sensorOff() {
        return new Verdict(QualityProblem.DROPOUT, initial());
    }
}
