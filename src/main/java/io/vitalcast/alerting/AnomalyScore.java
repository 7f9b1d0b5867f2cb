package io.vitalcast.alerting;

/**
 * The anomaly score of a step, |residual| / scale, on one scale for every model so that one set of thresholds
 * means the same thing everywhere: the scale is the calibrated interval half-width of the forecast made for the
 * step, or, for a model without one yet (baselines), the same half-width estimated from the series' own running mean
 * absolute one-step residual: {@code z90 * 1.2533 * MAE} (1.2533 turns a mean absolute error into a standard
 * deviation under normality; an exponentially weighted mean, so it follows the patient). The running scale needs a
 * warm-up of the policy's {@link AlertPolicy#warmUpSteps()} residuals; before it, there is no score.
 */
public final class AnomalyScore {
    static final double Z90 = 1.6449;
    static final double MAE_TO_SIGMA = 1.2533;

    private AnomalyScore() {
    }

    /**
     * The scale of the step, or NaN when there is none yet.
     *
     * @param halfWidth     calibrated half-width of the one-step forecast, NaN when uncalibrated
     * @param residualMae   running mean absolute one-step residual before this step
     * @param residualCount residuals in it
     * @param warmUpSteps   residuals needed before the running scale is used
     */
    public static double scale(double halfWidth, double residualMae, long residualCount, int warmUpSteps) {
        if (Double.isFinite(halfWidth) && halfWidth > 0) {
            return halfWidth;
        }
        if (residualCount < Math.max(warmUpSteps, 1) || !(residualMae > 0)) {
            return Double.NaN;
        }
        return Z90 * MAE_TO_SIGMA * residualMae;
    }
}
