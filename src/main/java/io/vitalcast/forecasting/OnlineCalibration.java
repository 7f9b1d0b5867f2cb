package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * One series' online calibration of a model's prediction intervals, per horizon step: the model's own half-widths
 * (calibrated on its training data, or grown from the series' residuals) are only the prior, scaled by a factor that
 * each scored step moves towards the patient's own coverage. This is adaptive conformal inference (Gibbs and Candes,
 * "Adaptive conformal inference under distribution shift", NeurIPS 2021) on the log of the width: after each scored
 * step {@code log s += rate * (miss - alpha)}, with {@code alpha = 1 - level}. A miss widens the interval by
 * {@code exp(rate * (1 - alpha))}, a covered step narrows it by {@code exp(-rate * alpha)}, so the scale settles
 * where a fraction alpha of the steps miss; as in the paper, the long-run miss rate differs from alpha by at most
 * {@code (|log s_T| + rate) / (rate T)} after T steps whatever the data, which is why a new patient whose readings
 * are noisier (or calmer) than the training data gets intervals that cover about the stated level of his own steps.
 * O(horizon) doubles of state and O(1) work per horizon step.
 *
 * <p>The scale is kept within {@code [1/MAX_SCALE, MAX_SCALE]} so that a stretch of sensor noise cannot make the
 * intervals useless for good. Immutable.
 *
 * @param logScales log of the width factor per horizon step (0-based); steps beyond the array are unscaled
 */
public record OnlineCalibration(double[] logScales) {
    /**
     * The default learning rate: at 90% intervals a miss widens by 4.6% and a covered step narrows by 0.5%, so about
     * 15 steps of misses in a row double a width and some 140 covered steps halve it.
     */
    public static final double RATE = 0.05;
    /** The largest factor by which the calibration widens (or narrows) the prior. */
    public static final double MAX_SCALE = 20;
    private static final double MAX_LOG = Math.log(MAX_SCALE);
    private static final OnlineCalibration NONE = new OnlineCalibration(new double[0]);

    /** No step scored yet: the prior as it is. */
    public static OnlineCalibration none() {
        return NONE;
    }

    /** The width factor of a 1-based horizon step. */
    public double scale(int horizonStep) {
        int h = horizonStep - 1;
        return h < logScales.length ? Math.exp(logScales[h]) : 1;
    }

    /** The prior half-widths scaled by this calibration (NaN, uncalibrated, stays NaN). */
    public double[] widen(double[] prior) {
        if (logScales.length == 0) {
            return prior;
        }
        double[] widths = prior.clone();
        for (int h = 0; h < widths.length; h++) {
            widths[h] *= scale(h + 1);
        }
        return widths;
    }

    /**
     * This calibration after one scored forecast step.
     *
     * @param horizonStep 1-based horizon step of the forecast scored
     * @param covered     whether the value was inside that forecast's (already calibrated) interval
     * @param level       the intervals' two-sided coverage level
     * @param rate        the learning rate, above 0
     */
    public OnlineCalibration observe(int horizonStep, boolean covered, double level, double rate) {
        Boolean[] outcomes = new Boolean[horizonStep];
        outcomes[horizonStep - 1] = covered;
        return observe(outcomes, level, rate);
    }

    /**
     * This calibration after the forecast steps scored at one step of the series, in one update.
     *
     * @param covered whether each horizon step's value was inside its interval (index 0 for step 1), null for a step
     *                not scored
     * @param level   the intervals' two-sided coverage level
     * @param rate    the learning rate, above 0
     */
    public OnlineCalibration observe(Boolean[] covered, double level, double rate) {
        double[] next = Arrays.copyOf(logScales, Math.max(logScales.length, covered.length));
        double alpha = 1 - level;
        for (int h = 0; h < covered.length; h++) {
            if (covered[h] != null) {
                double moved = next[h] + rate * ((covered[h] ? 0 : 1) - alpha);
                next[h] = Math.max(-MAX_LOG, Math.min(MAX_LOG, moved));
            }
        }
        return new OnlineCalibration(next);
    }
}
