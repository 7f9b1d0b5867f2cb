package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * How an {@link OnlineModel} puts prediction intervals around its forecast at one step of a series: fixed
 * half-widths calibrated when the model was trained, half-widths grown online from the series' own one-step
 * residuals (a baseline), or half-widths read off the model's own recurrent state (the sinus-rhythm reference).
 * What the series keeps for it (its running residual and the model state) is passed in, so that estimators stay
 * stateless and the series state stays the only state. Implementations are immutable and thread-safe.
 */
public interface IntervalEstimator {

    /** Two-sided coverage level of the intervals, to read them as probabilities (PREDICTED_LIMIT). */
    double level();

    /**
     * Interval half-widths per horizon step; NaN where not yet calibrated.
     *
     * @param modelState    a recurrent model's state after the step, or null
     * @param residualMae   the series' running mean absolute one-step residual
     * @param residualCount residuals in it
     */
    double[] halfWidths(double[] modelState, double residualMae, long residualCount);

    /**
     * Whether the intervals are statistical ones that a series may calibrate online to its own residuals
     * ({@link OnlineCalibration}); not so for a band that is itself a decision rule (the sinus-rhythm reference's
     * prematurity threshold).
     */
    default boolean calibratesOnline() {
        return true;
    }

    /** The half-widths and level calibrated when a model was trained, the same at every step of every series. */
    static IntervalEstimator fixed(double[] halfWidths, double level) {
        double[] widths = halfWidths.clone();
        return new IntervalEstimator() {
            @Override
            public double level() {
                return level;
            }

            @Override
            public double[] halfWidths(double[] modelState, double residualMae, long residualCount) {
                return Arrays.copyOf(widths, widths.length);
            }
        };
    }
}
