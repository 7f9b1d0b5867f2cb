package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * One series' online adaptation of a population model's forecast to its patient, per horizon step, without
 * retraining the network: a bias correction, the exponentially weighted mean of the model's own errors at that step
 * (a patient whose heart rate the model keeps under-forecasting by 2 bpm gets +2 bpm), with forgetting so that it
 * follows the patient. Guarded so that it cannot make the series worse than the population model on average: both
 * the model's raw squared error and the squared error the correction would have had (the correction as it stood
 * before the step, so the comparison is out of sample) are tracked online, and the correction is applied at a step
 * only while its running error is the lower one, after a warm-up. O(horizon) state and work per step.
 *
 * @param bias      running mean raw error (actual minus the model's forecast) per 0-based horizon step
 * @param rawSquare running mean squared raw error per step
 * @param fitSquare running mean squared error of the raw forecast plus the correction per step
 * @param count     errors seen at step 1
 */
public record OnlineAdaptation(double[] bias, double[] rawSquare, double[] fitSquare, long count) {
    /** Weight of the newest error: about the last 50 steps count. */
    public static final double FORGETTING = 0.02;
    /** Errors at step 1 before the correction may be applied. */
    public static final int WARM_UP = 50;
    private static final OnlineAdaptation NONE = new OnlineAdaptation(new double[0], new double[0], new double[0], 0);

    /** Nothing learned yet: the population model's forecast as it is. */
    public static OnlineAdaptation none() {
        return NONE;
    }

    /** Whether the correction of a 1-based horizon step is in use: warmed up and better than the raw forecast. */
    public boolean applies(int horizonStep) {
        int h = horizonStep - 1;
        return count >= WARM_UP && h < bias.length && fitSquare[h] < rawSquare[h];
    }

    /** The offsets added to the raw forecast, per horizon step (0 where the correction is not in use). */
    public double[] offsets(int horizon) {
        double[] offsets = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            offsets[h] = applies(h + 1) ? bias[h] : 0;
        }
        return offsets;
    }

    /**
     * This adaptation after the raw errors scored at one step of the series.
     *
     * @param rawErrors actual minus the model's raw forecast per horizon step (index 0 for step 1), NaN for a step
     *                  not scored
     */
    public OnlineAdaptation observe(double[] rawErrors) {
        int length = Math.max(bias.length, rawErrors.length);
        double[] nextBias = Arrays.copyOf(bias, length);
        double[] nextRaw = Arrays.copyOf(rawSquare, length);
        double[] nextFit = Arrays.copyOf(fitSquare, length);
        for (int h = 0; h < rawErrors.length; h++) {
            double error = rawErrors[h];
            if (Double.isNaN(error)) {
                continue;
            }
            double corrected = error - nextBias[h];
            nextRaw[h] += FORGETTING * (error * error - nextRaw[h]);
            nextFit[h] += FORGETTING * (corrected * corrected - nextFit[h]);
            nextBias[h] += FORGETTING * (error - nextBias[h]);
        }
        boolean stepOne = rawErrors.length > 0 && !Double.isNaN(rawErrors[0]);
        return new OnlineAdaptation(nextBias, nextRaw, nextFit, count + (stepOne ? 1 : 0));
    }
}
