package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * One series' online adaptation of a population model's forecast to its patient, per horizon step, without
 * retraining the network: a linear correction of the model's error from what the series just did, learned online by
 * recursive least squares with forgetting (so that it follows the patient). A population model fitted
 * across patients reverts towards the population's typical level and dynamics; a patient whose heart rate sits at
 * 100 bpm, or swings faster than most, is forecast with errors that depend on where the series stands, not only a
 * constant bias. The correction at horizon step h is {@code w_h . x}, where the features {@code x} of the origin are
 * an intercept, the distance of the last value from the series' own running level, and its last six changes, each
 * in units of the series' own running size of a change: what a direct autoregression fitted on the patient's own
 * past would use, learned as the patient's readings arrive. With the intercept alone this is the bias correction of
 * an earlier version. The weights of all horizon steps share one inverse correlation of the features (their origins
 * are the same, each step's only scored later), updated when the step-1 error of an origin arrives, so that the cost
 * is O(features^2 + horizon x features) per step.
 *
 * <p>Guarded so that it cannot make the series worse than the population model on average: both the model's raw
 * squared error and the squared error the correction would have had (the correction as it stood before the step,
 * so the comparison is out of sample) are tracked online, and the correction is applied at a step only while its
 * running error is the lower one, after a warm-up; and a correction is never larger than the model's typical raw
 * error at that step (its running root mean square), so that a jump the series has not shown before (an artefact
 * before the signal-quality rules catch it) cannot make the correction forecast a swing of its own. The features of
 * each origin still to be scored are kept, most recent first, as the series keeps its recent forecasts, so that an
 * error reaching horizon step h updates the weights with the features its forecast was made from.
 *
 * <p>Before the correction, each step blends the model's forecast with persistence (the value the series had at the
 * origin, held): a population model fitted on livelier patients can forecast swings a quiet patient does not have,
 * which no bounded correction from these features removes as well as holding the last value does. The blend moves
 * the raw forecast a share {@code b_h} of the way to the last value, the share that would have minimised its squared
 * error over the series' recent origins ({@code b = E[e d] / E[d^2]} clipped to [0, 1], where {@code e} is the raw
 * forecast's error and {@code d} its difference from persistence's; running moments with the least squares'
 * forgetting), and is guarded like the correction: applied at a step only while its own running error, out of
 * sample, is below the raw forecast's. The correction is then learned on, and guarded against, the forecast it
 * corrects: the blend where that is in use, so that a series whose model is no help ends as a direct autoregression
 * of its own on the last value.
 *
 * @param weights   correction weights, {@link #FEATURES} per 0-based horizon step, row by row
 * @param precision the recursive least squares' inverse correlation of the features, {@link #FEATURES} squared
 *                  row by row, shared by the horizon steps (whose origins are the same, only scored later); empty
 *                  before the first error
 * @param origins   the features of the origins whose forecasts are still to be scored, most recent first
 * @param originValues the series' value at each of those origins (persistence's forecast from it), in that order
 * @param level     running level of the series' values (NaN before the first)
 * @param change    running mean absolute change between consecutive values (NaN before the second value)
 * @param rawSquare running mean squared raw error per step
 * @param fitSquare running mean squared error of the corrected forecast per step
 * @param blend     per step, three running moments of the blend with persistence: {@code E[d^2]}, {@code E[e d]}
 *                  and the blended forecast's own squared error (an origin whose value is not kept, as after an
 *                  upgrade from a state without them, counts as no difference from persistence)
 * @param count     errors seen at step 1
 */
public record OnlineAdaptation(double[] weights, double[] precision, double[][] origins, double[] originValues,
                               double level, double change, double[] rawSquare, double[] fitSquare,
                               double[] blend, long count) {
    /** Features of an origin: intercept, distance from the running level, and the last six changes, newest first. */
    public static final int FEATURES = 8;
    /** Running moments per step kept for the blend with persistence. */
    public static final int BLEND_MOMENTS = 3;
    /** Weight of the newest error in the guard's running errors: about the last 50 steps count. */
    public static final double FORGETTING = 0.02;
    /** Forgetting factor of the recursive least squares: about the last 500 origins count. */
    public static final double RLS_FORGETTING = 0.998;
    /** The inverse correlation of the features before any origin, and the most uncertain it may become again. */
    public static final double INITIAL_PRECISION = 10;
    /** Weight of the newest value in the running level: about the last 100 steps. */
    public static final double LEVEL_RATE = 0.01;
    /** Errors at step 1 before the correction may be applied. */
    public static final int WARM_UP = 50;
    /** Features are clipped to this many running changes, so that an artefact cannot throw the weights. */
    private static final double FEATURE_LIMIT = 5;
    private static final OnlineAdaptation NONE = new OnlineAdaptation(new double[0], new double[0], new double[0][],
        new double[0], Double.NaN, Double.NaN, new double[0], new double[0], new double[0], 0);

    public OnlineAdaptation {
        if (precision.length != 0 && precision.length != FEATURES * FEATURES) {
            throw new IllegalArgumentException("precision of " + precision.length + " values, not " + FEATURES
                + " x " + FEATURES);
        }
        if (weights.length != rawSquare.length * FEATURES || fitSquare.length != rawSquare.length
            || blend.length != BLEND_MOMENTS * rawSquare.length) {
            throw new IllegalArgumentException("weights for " + weights.length / FEATURES + " steps, errors for "
                + rawSquare.length + " and " + fitSquare.length + ", blend for " + blend.length / BLEND_MOMENTS);
        }
        if (originValues.length > origins.length) {
            throw new IllegalArgumentException(originValues.length + " origin values for " + origins.length
                + " origins");
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
        return new OnlineAdaptation(weights, new double[0], new double[0][], new double[0], Double.NaN, Double.NaN,
            rawSquare.clone(), fitSquare.clone(), blendOf(rawSquare), count);
    }

    /**
     * Whether the correction of a 1-based horizon step is in use: warmed up and better than the forecast it corrects
     * (the blend where that is in use, the raw forecast otherwise).
     */
    public boolean applies(int horizonStep) {
        int h = horizonStep - 1;
        return count >= WARM_UP && h < rawSquare.length
            && fitSquare[h] < (blends(horizonStep) ? blend[BLEND_MOMENTS * h + 2] : rawSquare[h]);
    }

    /**
     * Whether the blend with persistence is in use at a 1-based horizon step: warmed up, and its running error lower
     * than the raw forecast's.
     */
    public boolean blends(int horizonStep) {
        int h = horizonStep - 1;
        return count >= WARM_UP && h < rawSquare.length && blend[BLEND_MOMENTS * h + 2] < rawSquare[h];
    }

    /** The share of the way to persistence the blend moves a 1-based horizon step's forecast, in [0, 1]. */
    public double blendShare(int horizonStep) {
        int h = horizonStep - 1;
        return h < rawSquare.length ? share(blend, h) : 0;
    }

    private static double share(double[] blend, int h) {
        double gap = blend[BLEND_MOMENTS * h];
        double cross = blend[BLEND_MOMENTS * h + 1];
        return gap > 0 ? Math.max(0, Math.min(1, cross / gap)) : 0;
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
        for (int lag = 0; lag < FEATURES - 2; lag++) {
            x[2 + lag] = n >= lag + 2 ? clip((history[n - 1 - lag] - history[n - 2 - lag]) / change) : 0;
        }
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
     * The offsets added to the raw forecast {@code raw} at an origin with these features whose last value is
     * {@code last}: where the blend is in use, its share of the way to {@code last}, and the correction where that is.
     */
    public double[] offsets(double[] raw, double[] features, double last) {
        double[] offsets = offsets(raw.length, features);
        for (int h = 0; h < raw.length; h++) {
            if (blends(h + 1) && Double.isFinite(last)) {
                offsets[h] += blendShare(h + 1) * (last - raw[h]);
            }
        }
        return offsets;
    }

    /** This adaptation after the raw errors scored at one step of the series, its value not known. */
    public OnlineAdaptation observe(double[] rawErrors) {
        return observe(rawErrors, Double.NaN);
    }

    /**
     * This adaptation after the raw errors scored at one step of the series.
     *
     * @param rawErrors actual minus the model's raw forecast per horizon step (index 0 for step 1), for the forecast
     *                  made that many steps ago, NaN for a step not scored
     * @param actual    the step's value, which persistence's forecast from each origin is scored against (NaN, or
     *                  an origin whose value is not kept: persistence is then counted as no different from the model)
     */
    public OnlineAdaptation observe(double[] rawErrors, double actual) {
        int length = Math.max(rawSquare.length, rawErrors.length);
        double[] nextWeights = Arrays.copyOf(weights, length * FEATURES);
        double[] nextRaw = Arrays.copyOf(rawSquare, length);
        double[] nextFit = Arrays.copyOf(fitSquare, length);
        double[] nextBlend = Arrays.copyOf(blend, BLEND_MOMENTS * length);
        double[] p = precision.length == 0 ? initialPrecision() : precision;
        double[] px = new double[FEATURES];
        double[] firstPx = null;
        double firstDenominator = Double.NaN;
        for (int h = 0; h < rawErrors.length; h++) {
            double error = rawErrors[h];
            if (Double.isNaN(error)) {
                continue;
            }
            double[] x = h < origins.length ? origins[h] : intercept();
            double last = h < originValues.length ? actual - originValues[h] : Double.NaN;
            double gap = Double.isNaN(last) ? 0 : error - last;
            double blended = error - share(nextBlend, h) * gap;
            double corrected = (blends(h + 1) ? blended : error) - dot(nextWeights, h, x);
            int b = BLEND_MOMENTS * h;
            nextBlend[b] += (1 - RLS_FORGETTING) * (gap * gap - nextBlend[b]);
            nextBlend[b + 1] += (1 - RLS_FORGETTING) * (error * gap - nextBlend[b + 1]);
            nextBlend[b + 2] += FORGETTING * (blended * blended - nextBlend[b + 2]);
            nextRaw[h] += FORGETTING * (error * error - nextRaw[h]);
            nextFit[h] += FORGETTING * (corrected * corrected - nextFit[h]);
            double denominator = RLS_FORGETTING + multiply(p, x, px);
            for (int j = 0; j < FEATURES; j++) {
                nextWeights[h * FEATURES + j] += px[j] / denominator * corrected;
            }
            if (h == 0) {
                firstPx = px.clone();
                firstDenominator = denominator;
            }
        }
        boolean stepOne = firstPx != null;
        double[] nextPrecision = stepOne ? forget(p, firstPx, firstDenominator) : p;
        return new OnlineAdaptation(nextWeights, nextPrecision, origins, originValues, level, change, nextRaw,
            nextFit, nextBlend, count + (stepOne ? 1 : 0));
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
        return new OnlineAdaptation(weights, precision, origins, originValues, nextLevel, nextChange, rawSquare,
            fitSquare, blend, count);
    }

    /**
     * This adaptation with a new origin's features and value first among those to be scored, keeping at most
     * {@code horizon}.
     */
    public OnlineAdaptation withOrigin(double[] features, double value, int horizon) {
        double[][] next = new double[Math.min(horizon, origins.length + 1)][];
        next[0] = features.clone();
        System.arraycopy(origins, 0, next, 1, next.length - 1);
        double[] values = new double[Math.min(next.length, originValues.length + 1)];
        values[0] = value;
        System.arraycopy(originValues, 0, values, 1, values.length - 1);
        return new OnlineAdaptation(weights, precision, next, values, level, change, rawSquare, fitSquare,
            blend, count);
    }

    /** This adaptation with no origin to be scored, as after a gap, where the series' recent forecasts are dropped. */
    public OnlineAdaptation withoutOrigins() {
        return origins.length == 0 ? this
            : new OnlineAdaptation(weights, precision, new double[0][], new double[0], level, change, rawSquare,
                fitSquare, blend, count);
    }

    /** A blend not learned yet for errors {@code rawSquare}: no difference from persistence, the raw errors. */
    public static double[] blendOf(double[] rawSquare) {
        double[] blend = new double[BLEND_MOMENTS * rawSquare.length];
        for (int h = 0; h < rawSquare.length; h++) {
            blend[BLEND_MOMENTS * h + 2] = rawSquare[h];
        }
        return blend;
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

    /** {@code P x} into {@code px}; returns {@code x' P x}. */
    private static double multiply(double[] p, double[] x, double[] px) {
        double quadratic = 0;
        for (int i = 0; i < FEATURES; i++) {
            double sum = 0;
            for (int j = 0; j < FEATURES; j++) {
                sum += p[i * FEATURES + j] * x[j];
            }
            px[i] = sum;
            quadratic += x[i] * sum;
        }
        return quadratic;
    }

    /**
     * The inverse correlation after one more origin, forgetting the older ones: {@code (P - P x x' P / (lambda +
     * x' P x)) / lambda}, kept symmetric, and scaled back when its trace exceeds that of the initial one, so that
     * directions the features stop exploring (a steady series) cannot wind it up; from that origin's {@code P x} and
     * {@code lambda + x' P x}, as the weights' update computed them.
     */
    private static double[] forget(double[] p, double[] px, double denominator) {
        double[] next = new double[FEATURES * FEATURES];
        double trace = 0;
        for (int i = 0; i < FEATURES; i++) {
            for (int j = i; j < FEATURES; j++) {
                double value = (p[i * FEATURES + j] - px[i] * px[j] / denominator) / RLS_FORGETTING;
                next[i * FEATURES + j] = value;
                next[j * FEATURES + i] = value;
            }
            trace += next[i * FEATURES + i];
        }
        double limit = FEATURES * INITIAL_PRECISION;
        if (!(trace <= limit)) {
            double scale = Double.isFinite(trace) ? limit / trace : 0;
            for (int k = 0; k < next.length; k++) {
                next[k] = scale == 0 ? (k % (FEATURES + 1) == 0 ? INITIAL_PRECISION : 0) : next[k] * scale;
            }
        }
        return next;
    }

    private static double[] initialPrecision() {
        double[] p = new double[FEATURES * FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            p[i * FEATURES + i] = INITIAL_PRECISION;
        }
        return p;
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
