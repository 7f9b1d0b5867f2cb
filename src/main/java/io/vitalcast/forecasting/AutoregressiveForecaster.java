package io.vitalcast.forecasting;

import java.util.ArrayList;
import java.util.List;

import io.vitalcast.errors.UserException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * AR(p): {@code x[t] = c + phi_1 x[t-1] + ... + phi_p x[t-p]}, fitted by ordinary least squares with an intercept on
 * the training series, and iterated for multi-step forecasts (each forecast becomes history for the next). The
 * classical linear baseline: a model that does not beat it has learned nothing a regression could not.
 *
 * <p>Immutable and thread-safe.
 */
public final class AutoregressiveForecaster implements Forecaster {
    private final double intercept;
    private final double[] coefficients;

    /**
     * @param intercept    the constant {@code c}
     * @param coefficients {@code phi_1 .. phi_p}: {@code coefficients[0]} multiplies the most recent value
     */
    public AutoregressiveForecaster(double intercept, double[] coefficients) {
        if (coefficients.length < 1) {
            throw new IllegalArgumentException("an AR model needs order >= 1, got " + coefficients.length);
        }
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
    }

    /**
     * Fits AR({@code order}) on the training series; the regression rows never span two series.
     *
     * @throws IllegalArgumentException when the order is below 1
     * @throws UserException            when there are not more rows than parameters (too little data)
     */
    public static AutoregressiveForecaster fit(List<double[]> trainingSeries, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("AR order must be >= 1, got " + order);
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (double[] series : trainingSeries) {
            for (int t = order; t < series.length; t++) {
                double[] row = new double[order];
                for (int lag = 1; lag <= order; lag++) {
                    row[lag - 1] = series[t - lag];
                }
                rows.add(row);
                targets.add(series[t]);
            }
        }
        if (rows.size() <= order + 1) {
            throw new UserException("AR(" + order + ") needs more than " + (order + 1)
                + " training rows, got " + rows.size());
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.newSampleData(targets.stream().mapToDouble(Double::doubleValue).toArray(),
            rows.toArray(new double[0][]));
        double[] beta = regression.estimateRegressionParameters();
        double[] phi = new double[order];
        System.arraycopy(beta, 1, phi, 0, order);
        return new AutoregressiveForecaster(beta[0], phi);
    }

    public double intercept() {
        return intercept;
    }

    /** {@code phi_1 .. phi_p}, most recent lag first. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    public int order() {
        return coefficients.length;
    }

    @Override
    public String name() {
        return "ar_" + coefficients.length;
    }

    @Override
    public int minHistory() {
        return coefficients.length;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        int p = coefficients.length;
        double[] buffer = new double[p + horizon];
        System.arraycopy(history, history.length - p, buffer, 0, p);
        for (int h = 0; h < horizon; h++) {
            double value = intercept;
            for (int lag = 1; lag <= p; lag++) {
                value += coefficients[lag - 1] * buffer[p + h - lag];
            }
            buffer[p + h] = value;
        }
        double[] forecast = new double[horizon];
        System.arraycopy(buffer, p, forecast, 0, horizon);
        return forecast;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
