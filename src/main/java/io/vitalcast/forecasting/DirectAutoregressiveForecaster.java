package io.vitalcast.forecasting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Direct AR(p): one least-squares regression per horizon step,
 * {@code x[t+h] = c_h + phi_{h,1} x[t] + ... + phi_{h,p} x[t-p+1]}, each fitted with an intercept on the training
 * series. The iterated {@link AutoregressiveForecaster} feeds its one-step forecasts back as history, so its model
 * errors compound over the horizon; a regression aimed at each step is what a user who fits "the value h steps on
 * from the last p" would compare a model with, and it is usually the stronger linear baseline beyond step 1. The
 * order is chosen on the validation windows ({@link #fitChoosingOrder}), so the baseline is not handicapped by an
 * order picked for another signal.
 *
 * <p>Immutable and thread-safe.
 */
public final class DirectAutoregressiveForecaster implements Forecaster {
    /** Orders {@link #fitChoosingOrder(WindowDataset)} tries, those longer than the windows' history left out. */
    public static final List<Integer> CANDIDATE_ORDERS = List.of(1, 2, 4, 8, 16, 32);

    private final double[] intercepts;
    private final double[][] coefficients;

    /**
     * @param intercepts   {@code c_h} per horizon step (0-based)
     * @param coefficients {@code [h][k]}: the weight at step {@code h} of the value {@code k} steps before the last
     *                     ({@code k = 0} is the last value); every step has the same order {@code p >= 1}
     */
    public DirectAutoregressiveForecaster(double[] intercepts, double[][] coefficients) {
        if (intercepts.length < 1 || intercepts.length != coefficients.length) {
            throw new IllegalArgumentException("a direct AR needs one intercept and one coefficient row per horizon "
                + "step (at least one), got " + intercepts.length + " and " + coefficients.length);
        }
        int order = coefficients[0].length;
        if (order < 1) {
            throw new IllegalArgumentException("a direct AR needs order >= 1, got " + order);
        }
        this.intercepts = intercepts.clone();
        this.coefficients = new double[coefficients.length][];
        for (int h = 0; h < coefficients.length; h++) {
            if (coefficients[h].length != order) {
                throw new IllegalArgumentException("horizon step " + (h + 1) + " has order "
                    + coefficients[h].length + ", step 1 has " + order);
            }
            this.coefficients[h] = coefficients[h].clone();
        }
    }

    /**
     * Fits direct AR({@code order}) for steps 1 to {@code horizon} on the training series; no regression row spans
     * two series.
     *
     * @throws IllegalArgumentException when the order or the horizon is below 1
     * @throws UserException            when the last step has no more rows than parameters (too little data)
     */
    public static DirectAutoregressiveForecaster fit(List<double[]> trainingSeries, int order, int horizon) {
        if (order < 1 || horizon < 1) {
            throw new IllegalArgumentException("direct AR needs order >= 1 and horizon >= 1, got " + order + " and "
                + horizon);
        }
        long lastStepRows = trainingSeries.stream().mapToLong(s -> Math.max(0, s.length - order + 1 - horizon)).sum();
        if (lastStepRows <= order + 1) {
            throw new UserException("direct AR(" + order + ") at step " + horizon + " needs more than " + (order + 1)
                + " training rows, got " + lastStepRows);
        }
        double[] intercepts = new double[horizon];
        double[][] coefficients = new double[horizon][];
        for (int h = 1; h <= horizon; h++) {
            List<double[]> rows = new ArrayList<>();
            List<Double> targets = new ArrayList<>();
            for (double[] series : trainingSeries) {
                for (int t = order - 1; t + h < series.length; t++) {
                    double[] row = new double[order];
                    for (int k = 0; k < order; k++) {
                        row[k] = series[t - k];
                    }
                    rows.add(row);
                    targets.add(series[t + h]);
                }
            }
            OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
            regression.newSampleData(targets.stream().mapToDouble(Double::doubleValue).toArray(),
                rows.toArray(new double[0][]));
            double[] beta = regression.estimateRegressionParameters();
            intercepts[h - 1] = beta[0];
            coefficients[h - 1] = Arrays.copyOfRange(beta, 1, beta.length);
        }
        return new DirectAutoregressiveForecaster(intercepts, coefficients);
    }

    /**
     * Fits on the training part with each of {@link #CANDIDATE_ORDERS} no longer than the windows' history and keeps
     * the one with the lowest mean RMSE over the horizon on the validation windows.
     *
     * @see #fitChoosingOrder(WindowDataset, List)
     */
    public static DirectAutoregressiveForecaster fitChoosingOrder(WindowDataset data) {
        return fitChoosingOrder(data, CANDIDATE_ORDERS);
    }

    /**
     * Fits on the training part with each candidate order no longer than the windows' history, for the dataset's
     * horizon, and keeps the one with the lowest RMSE averaged over horizon steps on the validation windows (the
     * smaller order on a tie). An order with too few training rows is left out, as are the ones above it.
     *
     * @throws IllegalArgumentException when no candidate is between 1 and the windows' history length
     * @throws UserException            when there are no validation windows, or the smallest order has too few
     *                                  training rows
     */
    public static DirectAutoregressiveForecaster fitChoosingOrder(WindowDataset data, List<Integer> candidateOrders) {
        List<Integer> orders = candidateOrders.stream().filter(p -> p >= 1 && p <= data.inputLength()).sorted()
            .distinct().toList();
        if (orders.isEmpty()) {
            throw new IllegalArgumentException("no candidate order in " + candidateOrders + " is between 1 and the "
                + "windows' history of " + data.inputLength() + " steps");
        }
        List<Window> validation = data.validation().windows();
        if (validation.isEmpty()) {
            throw new UserException("choosing the direct AR order needs validation windows of " + data.inputLength()
                + "+" + data.horizon() + " steps; the validation part has " + data.validation().steps() + " steps");
        }
        List<double[]> train = data.train().series();
        DirectAutoregressiveForecaster best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int order : orders) {
            DirectAutoregressiveForecaster candidate;
            try {
                candidate = fit(train, order, data.horizon());
            } catch (UserException tooLittleData) {
                if (best == null) {
                    throw tooLittleData;
                }
                break;
            }
            double error = meanRmse(candidate, validation, data.horizon());
            if (error < bestError) {
                bestError = error;
                best = candidate;
            }
        }
        return best;
    }

    private static double meanRmse(Forecaster forecaster, List<Window> windows, int horizon) {
        double[] squared = new double[horizon];
        for (Window window : windows) {
            double[] forecast = forecaster.forecast(window.history(), horizon);
            double[] target = window.target();
            for (int h = 0; h < horizon; h++) {
                double error = target[h] - forecast[h];
                squared[h] += error * error;
            }
        }
        double sum = 0;
        for (int h = 0; h < horizon; h++) {
            sum += Math.sqrt(squared[h] / windows.size());
        }
        return sum / horizon;
    }

    public int order() {
        return coefficients[0].length;
    }

    /** Horizon steps fitted: the most {@link #forecast} gives. */
    public int horizon() {
        return intercepts.length;
    }

    /** {@code c_h} of horizon step {@code h} (0-based). */
    public double intercept(int h) {
        return intercepts[h];
    }

    /** The weights of horizon step {@code h} (0-based), the last value's first. */
    public double[] coefficients(int h) {
        return coefficients[h].clone();
    }

    @Override
    public String name() {
        return "direct_ar_" + order();
    }

    @Override
    public int minHistory() {
        return order();
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        if (horizon > intercepts.length) {
            throw new IllegalArgumentException(name() + " was fitted for " + intercepts.length
                + " steps, asked for " + horizon);
        }
        int last = history.length - 1;
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double value = intercepts[h];
            for (int k = 0; k < coefficients[h].length; k++) {
                value += coefficients[h][k] * history[last - k];
            }
            forecast[h] = value;
        }
        return forecast;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
