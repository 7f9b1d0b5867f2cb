package io.vitalcast.forecasting;

import java.util.List;

import io.vitalcast.errors.UserException;

/**
 * Holt's linear (double exponential) smoothing: a level and a trend, each updated by exponential smoothing, forecast
 * {@code level + h * trend}. Unlike persistence it follows a drift (a heart rate climbing during a fever).
 *
 * <p>The state starts at each window's history: level = first value, trend = second minus first, then smoothing
 * runs over the rest of the history. The smoothing constants are given, or fitted on training series by a grid search
 * that minimises the one-step squared error. Immutable and thread-safe.
 */
public final class HoltForecaster implements Forecaster {
    /** Grid spacing of the fit: constants are searched on {@code 0.05, 0.10, ..., 1.0}. */
    public static final double GRID_STEP = 0.05;

    private final double alpha;
    private final double beta;

    /**
     * @param alpha level smoothing in (0, 1]
     * @param beta  trend smoothing in [0, 1]
     */
    public HoltForecaster(double alpha, double beta) {
        if (!(alpha > 0 && alpha <= 1) || !(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("Holt needs 0 < alpha <= 1 and 0 <= beta <= 1, got alpha " + alpha
                + ", beta " + beta);
        }
        this.alpha = alpha;
        this.beta = beta;
    }

    /**
     * Fits alpha and beta on the training series by grid search (beta also tries 0: no trend updates).
     *
     * @throws UserException when no series has three values (no one-step error to measure: too little data)
     */
    public static HoltForecaster fit(List<double[]> trainingSeries) {
        if (trainingSeries.stream().noneMatch(s -> s.length >= 3)) {
            throw new UserException("Holt needs a training series of at least 3 values");
        }
        int steps = (int) Math.round(1 / GRID_STEP);
        double bestError = Double.POSITIVE_INFINITY;
        double bestAlpha = 1;
        double bestBeta = 0;
        for (int a = 1; a <= steps; a++) {
            for (int b = 0; b <= steps; b++) {
                double alpha = a * GRID_STEP;
                double beta = b * GRID_STEP;
                double error = 0;
                for (double[] series : trainingSeries) {
                    error += oneStepSquaredError(series, alpha, beta);
                }
                if (error < bestError) {
                    bestError = error;
                    bestAlpha = alpha;
                    bestBeta = beta;
                }
            }
        }
        return new HoltForecaster(bestAlpha, bestBeta);
    }

    private static double oneStepSquaredError(double[] series, double alpha, double beta) {
        if (series.length < 3) {
            return 0;
        }
        double level = series[0];
        double trend = series[1] - series[0];
        double error = 0;
        for (int t = 1; t < series.length; t++) {
            if (t >= 2) {
                double residual = series[t] - (level + trend);
                error += residual * residual;
            }
            double previousLevel = level;
            level = alpha * series[t] + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
        }
        return error;
    }

    public double alpha() {
        return alpha;
    }

    public double beta() {
        return beta;
    }

    @Override
    public String name() {
        return "holt";
    }

    @Override
    public int minHistory() {
        return 2;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        double level = history[0];
        double trend = history[1] - history[0];
        for (int t = 1; t < history.length; t++) {
            double previousLevel = level;
            level = alpha * history[t] + (1 - alpha) * (level + trend);
            trend = beta * (level - previousLevel) + (1 - beta) * trend;
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            forecast[h] = level + (h + 1) * trend;
        }
        return forecast;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
