package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * One series' online adaptation of a population model's forecast to its patient, per horizon step, without
 * retraining the network: a linear correction of the model's error from what the series just did, learned online by
 * normalised least mean squares with a constant step (so that it follows the patient). A population model fitted
 * across patients reverts towards the population's typical level and dynamics; a patient whose heart rate sits at
 * 100 bpm, or swings faster than most, is forecast with errors that depend on where the series stands, not only a
 * constant bias. The correction at horizon step h is {@code w_h . x}, where the features {@code x} of the origin are
 * an intercept, the distance of the last value from the series' own running level, and its last two changes, each
 * in units of the series' own running size of a change; with the intercept alone this is the bias correction that
 * came before it.
 *
 * <p>Guarded so that it cannot make the series worse than the population model on average: both the model's raw
 * squared error and the squared error the correction would have had (the correction as it stood before the step,
 * so the comparison is out of sample) are tracked online, and the correction is applied at a step only while its
 * running error is the lower one, after a warm-up; and a correction is never larger than the model's typical raw
 * error at that step (its running root mean square), so that a jump the series has not shown before (an artefact
 * before the signal-quality rules catch it) cannot make the correction forecast a swing of its own. The features of each origin still to be scored are kept, most
 * recent first, as the series keeps its recent forecasts, so that an error reaching horizon step h updates the
 * weights with the features its forecast was made from. O(horizon x features) state and work per step.
 *
 * @param weights   correction weights, {@link #FEATURES} per 0-based horizon step, row by row
 * @param origins   the features of the origins whose forecasts are still to be scored, most recent first
 * @param level     running level of the series' values (NaN before the first)
 * @param change    running mean absolute change between consecutive values (NaN before the second value)
 * @param rawSquare running mean squared raw error per step
 * @param fitSquare running mean squared error of the raw forecast plus the correction per step
 * @param count     errors seen at step 1
 */
public record OnlineAdaptation(double[] weights, double[][] origins, double level, double change,
                               double[] rawSquare, double[] fitSquare, long count) {
    /** Features of an origin: intercept, distance from the running level, last change, the change before it. */
    public static final int FEATURES = 4;
    /** Weight of the newest error in the guard's running errors: about the last 50 steps count. */
    public static final double FORGETTING = 0.02;
    /** Step of the normalised least-mean-squares update of the weights. */
    public static final double STEP = 0.05;
    /** Weight of the newest value in the running level: about the last 100 steps. */
    public static final double LEVEL_RATE = 0.01;
    /** Errors at step 1 before the correction may be applied. */
    public static final int WARM_UP = 50;
    /** Features are clipped to this many running changes, so that an artefact cannot throw the weights. */
    private static final double FEATURE_LIMIT = 5;
    private static final OnlineAdaptation NONE = new OnlineAdaptation(new double[0], new double[0][],
        Double.NaN, Double.NaN, new double[0], new double[0], 0);

    public OnlineAdaptation {
        if (weights.length != rawSquare.length * FEATURES || fitSquare.length != rawSquare.length) {
            throw new IllegalArgumentException("weights for " + weights.length / FEATURES + " steps, errors for "
                + rawSquare.length + " and " + fitSquare.length);
        }
        for (double[] origin : origins) {
            if (origin.length != FEATURES) {
                throw new IllegalArgumentException("an origin has " + origin.length + " features, not " + FEATURES);
            }
        }
    }

    /** Nothing learned yet: the population model's forecast as it is. */
    public static OnlineAdaptation none() {
        return NONE;
    }

    /**
     * The bias correction of an earlier version, carried over as the intercept of each step, with its guard.
     *
     * @param bias running mean raw error per step
     */
    public static OnlineAdaptation ofBias(double[] bias, double[] rawSquare, double[] fitSquare, long count) {
        double[] weights = new double[bias.length * FEATURES];
        for (int h = 0; h < bias.length; h++) {
            weights[h * FEATURES] = bias[h];
        }
        return new OnlineAdaptation(weights, new double[0][], Double.NaN, Double.NaN, rawSquare.clone(),
            fitSquare.clone(), count);
    }

    /** Whether the correction of a 1-based horizon step is in use: warmed up and better than the raw forecast. */
    public boolean applies(int horizonStep) {
        int h = horizonStep - 1;
        return count >= WARM_UP && h < rawSquare.length && fitSquare[h] < rawSquare[h];
    }

    /** The intercept learned for each step (the bias the correction removes where the series stands at its level). */
    public double[] bias() {
        double[] bias = new double[rawSquare.length];
        for (int h = 0; h < bias.length; h++) {
            bias[h] = weights[h * FEATURES];
        }
        return bias;
    }

    /**
     * The features of an origin whose last values are {@code history} (oldest first), in this series' units.
     */
    public double[] features(double[] history) {
        double[] x = new double[FEATURES];
        x[0] = 1;
        int n = history.length;
        if (n == 0 || !Double.isFinite(level) || !(change > 0)) {
            return x;
        }
        x[1] = clip((history[n - 1] - level) / change);
        x[2] = n >= 2 ? clip((history[n - 1] - history[n - 2]) / change) : 0;
        x[3] = n >= 3 ? clip((history[n - 2] - history[n - 3]) / change) : 0;
        return x;
    }

    /** The offsets added to the raw forecast at an origin with these features (0 where not in use). */
    public double[] offsets(int horizon, double[] features) {
        double[] offsets = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            if (applies(h + 1)) {
                double bound = Math.sqrt(rawSquare[h]);
                offsets[h] = Math.max(-bound, Math.min(bound, correction(h, features)));
            }
        }
        return offsets;
    }

    /**
     * This adaptation after the raw errors scored at one step of the series.
     *
     * @param rawErrors actual minus the model's raw forecast per horizon step (index 0 for step 1), for the forecast
     *                  made that many steps ago, NaN for a step not scored
     */
    public OnlineAdaptation observe(double[] rawErrors) {
        int length = Math.max(rawSquare.length, rawErrors.length);
        double[] nextWeights = Arrays.copyOf(weights, length * FEATURES);
        double[] nextRaw = Arrays.copyOf(rawSquare, length);
        double[] nextFit = Arrays.copyOf(fitSquare, length);
        for (int h = 0; h < rawErrors.length; h++) {
            double error = rawErrors[h];
            if (Double.isNaN(error)) {
                continue;
            }
            double[] x = h < origins.length ? origins[h] : intercept();
            double corrected = error - dot(nextWeights, h, x);
            nextRaw[h] += FORGETTING * (error * error - nextRaw[h]);
            nextFit[h] += FORGETTING * (corrected * corrected - nextFit[h]);
            double gain = STEP * corrected / (1 + dot(x, x));
            for (int j = 0; j < FEATURES; j++) {
                nextWeights[h * FEATURES + j] += gain * x[j];
            }
        }
        boolean stepOne = rawErrors.length > 0 && !Double.isNaN(rawErrors[0]);
        return new OnlineAdaptation(nextWeights, origins, level, change, nextRaw, nextFit,
            count + (stepOne ? 1 : 0));
    }

    /**
     * This adaptation after a good step of value {@code value} following {@code previous} (NaN when none): the
     * running level and size of a change move towards it.
     */
    public OnlineAdaptation follow(double previous, double value) {
        double nextLevel = Double.isFinite(level) ? level + LEVEL_RATE * (value - level) : value;
        double nextChange = change;
        if (Double.isFinite(previous)) {
            double step = Math.abs(value - previous);
            nextChange = Double.isFinite(change) ? change + FORGETTING * (step - change) : step;
        }
        return new OnlineAdaptation(weights, origins, nextLevel, nextChange, rawSquare, fitSquare, count);
    }

    /** This adaptation with a new origin's features first among those to be scored, keeping at most {@code horizon}. */
    public OnlineAdaptation withOrigin(double[] features, int horizon) {
        double[][] next = new double[Math.min(horizon, origins.length + 1)][];
        next[0] = features.clone();
        System.arraycopy(origins, 0, next, 1, next.length - 1);
        return new OnlineAdaptation(weights, next, level, change, rawSquare, fitSquare, count);
    }

    /** This adaptation with no origin to be scored, as after a gap, where the series' recent forecasts are dropped. */
    public OnlineAdaptation withoutOrigins() {
        return origins.length == 0 ? this
            : new OnlineAdaptation(weights, new double[0][], level, change, rawSquare, fitSquare, count);
    }

    private double correction(int h, double[] features) {
        return h * FEATURES < weights.length ? dot(weights, h, features) : 0;
    }

    private static double dot(double[] weights, int h, double[] x) {
        if ((h + 1) * FEATURES > weights.length) {
            return 0;
        }
        double sum = 0;
        for (int j = 0; j < FEATURES; j++) {
            sum += weights[h * FEATURES + j] * x[j];
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    private static double[] intercept() {
        double[] x = new double[FEATURES];
        x[0] = 1;
        return x;
    }

    private static double clip(double value) {
        return Math.max(-FEATURE_LIMIT, Math.min(FEATURE_LIMIT, value));
    }
}
