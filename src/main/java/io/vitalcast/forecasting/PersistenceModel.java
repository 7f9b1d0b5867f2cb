package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * The baseline for a signal without a trained model: persistence (the last value for every horizon step), with
 * intervals calibrated online from the series' own one-step residuals: half-width at step h is
 * {@code z * 1.2533 * MAE_1 * sqrt(h)} (a random walk's spread; 1.2533 turns a mean absolute error into a standard
 * deviation under normality; z = 1.645 for 90%), after a warm-up of {@link #WARM_UP} residuals.
 *
 * @param horizon steps it forecasts
 */
record PersistenceModel(int horizon) implements WindowModel, IntervalEstimator {
    static final int WARM_UP = 10;
    private static final double Z90 = 1.6449;
    private static final ModelInfo INFO = new ModelInfo("persistence", "builtin", ModelKind.PERSISTENCE.family());

    @Override
    public ModelInfo info() {
        return INFO;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.PERSISTENCE;
    }

    @Override
    public int window() {
        return 1;
    }

    @Override
    public double[] forecast(double[] history) {
        double[] out = new double[horizon];
        Arrays.fill(out, history[history.length - 1]);
        return out;
    }

    @Override
    public IntervalEstimator intervals() {
        return this;
    }

    @Override
    public double level() {
        return 0.9;
    }

    /** A random walk's 90% intervals from the running one-step residual. */
    @Override
    public double[] halfWidths(double[] modelState, double residualMae, long residualCount) {
        double[] widths = new double[horizon];
        if (residualCount < WARM_UP) {
            Arrays.fill(widths, Double.NaN);
            return widths;
        }
        double sigma = 1.2533 * residualMae;
        for (int h = 0; h < horizon; h++) {
            widths[h] = Z90 * sigma * Math.sqrt(h + 1.0);
        }
        return widths;
    }
}
