package io.vitalcast.forecasting;

import java.util.List;

/**
 * Accuracy of one forecaster over a set of windows, per horizon step (0-based arrays).
 *
 * <p>MASE divides the MAE by the mean absolute one-step change of the training part (the in-sample error of
 * persistence), so 1 means "as good as persistence was one step ahead on the training data", whatever the unit.
 * Coverage and mean width describe the conformal intervals; they are NaN when no intervals were given.
 *
 * @param windows   windows scored
 * @param mae       mean absolute error
 * @param rmse      root mean squared error
 * @param mase      mean absolute scaled error
 * @param coverage  fraction of actual values inside the interval
 * @param meanWidth mean interval width (upper minus lower)
 */
public record ForecastMetrics(int windows, double[] mae, double[] rmse, double[] mase, double[] coverage,
                              double[] meanWidth) {

    public ForecastMetrics {
        mae = mae.clone();
        rmse = rmse.clone();
        mase = mase.clone();
        coverage = coverage.clone();
        meanWidth = meanWidth.clone();
    }

    @Override
    public double[] mae() {
        return mae.clone();
    }

    @Override
    public double[] rmse() {
        return rmse.clone();
    }

    @Override
    public double[] mase() {
        return mase.clone();
    }

    @Override
    public double[] coverage() {
        return coverage.clone();
    }

    @Override
    public double[] meanWidth() {
        return meanWidth.clone();
    }

    public int horizon() {
        return mae.length;
    }

    /**
     * Scores forecasts against actual values.
     *
     * @param forecasts  {@code [window][h]}
     * @param actuals    {@code [window][h]}
     * @param maseScale  the training part's {@link #persistenceScale}; NaN gives NaN MASE
     * @param intervals  intervals to score, or null
     */
    public static ForecastMetrics compute(double[][] forecasts, double[][] actuals, double maseScale,
                                          ConformalIntervals intervals) {
        if (forecasts.length != actuals.length || forecasts.length == 0) {
            throw new IllegalArgumentException("need as many forecasts as actuals and at least one, got "
                + forecasts.length + " and " + actuals.length);
        }
        int n = forecasts.length;
        int horizon = actuals[0].length;
        double[] mae = new double[horizon];
        double[] rmse = new double[horizon];
        double[] mase = new double[horizon];
        double[] coverage = new double[horizon];
        double[] meanWidth = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double absolute = 0;
            double squared = 0;
            int covered = 0;
            for (int i = 0; i < n; i++) {
                double error = actuals[i][h] - forecasts[i][h];
                absolute += Math.abs(error);
                squared += error * error;
                if (intervals != null && intervals.covers(h, forecasts[i][h], actuals[i][h])) {
                    covered++;
                }
            }
            mae[h] = absolute / n;
            rmse[h] = Math.sqrt(squared / n);
            mase[h] = mae[h] / maseScale;
            coverage[h] = intervals == null ? Double.NaN : (double) covered / n;
            meanWidth[h] = intervals == null ? Double.NaN : 2 * intervals.halfWidth(h);
        }
        return new ForecastMetrics(n, mae, rmse, mase, coverage, meanWidth);
    }

    /**
     * The in-sample MAE of one-step persistence, {@code mean |x[t] - x[t-1]|} within each training series: the
     * MASE denominator. NaN when no series has two values.
     */
    public static double persistenceScale(List<double[]> trainingSeries) {
        double sum = 0;
        long count = 0;
        for (double[] series : trainingSeries) {
            for (int t = 1; t < series.length; t++) {
                sum += Math.abs(series[t] - series[t - 1]);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Mean over horizon steps of an array of these metrics. */
    public static double mean(double[] perStep) {
        double sum = 0;
        for (double value : perStep) {
            sum += value;
        }
        return sum / perStep.length;
    }
}
