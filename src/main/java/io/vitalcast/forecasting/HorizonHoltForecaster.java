package io.vitalcast.forecasting;

import java.util.Arrays;
import java.util.List;

import io.vitalcast.errors.UserException;

/**
 * Holt's linear smoothing with its own smoothing constants for each horizon step: the forecast at step {@code h}
 * is that of a {@link HoltForecaster} whose alpha and beta minimise the {@code h}-step-ahead squared error on the
 * training series, from histories as long as the ones it will forecast from. {@link HoltForecaster#fit} minimises
 * the one-step error, and the trend that helps one step ahead is extrapolated {@code h} times at step {@code h}, so
 * its long-step forecasts are far worse than Holt's method can do; a user tuning Holt for a forecast ten steps ahead
 * would tune it for that step. This is that baseline.
 *
 * <p>Each step's forecaster starts its state at the window's history, as {@link HoltForecaster} does. Immutable and
 * thread-safe.
 */
public final class HorizonHoltForecaster implements Forecaster {
    private final List<HoltForecaster> steps;

    /** @param steps the forecaster of each horizon step, step 1 first; at least one */
    public HorizonHoltForecaster(List<HoltForecaster> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("Holt per horizon needs at least one horizon step");
        }
        this.steps = List.copyOf(steps);
    }

    /**
     * For each step {@code h} from 1 to {@code horizon}, chooses alpha and beta on the grid of
     * {@link HoltForecaster#GRID_STEP} (beta also 0) by the {@code h}-step squared error of the forecasts from every
     * run of {@code historyLength} consecutive values of the training series, each smoothed from its first value as
     * {@link #forecast} smooths a history; on a tie the first on the grid. The error is that of the forecasts this
     * forecaster makes, not of a state smoothed over a whole series: a trend started from two noisy values and
     * damped only by a small beta costs little in a long series and much in a short history.
     *
     * @param historyLength the history each forecast will see (the windows' length), at least 2
     * @throws IllegalArgumentException when the history length is below 2 or the horizon below 1
     * @throws UserException            when no training series has {@code historyLength + horizon} values (no error
     *                                  at the last step to measure: too little data)
     */
    public static HorizonHoltForecaster fit(List<double[]> trainingSeries, int historyLength, int horizon) {
        if (historyLength < 2 || horizon < 1) {
            throw new IllegalArgumentException("Holt per horizon needs a history of >= 2 and a horizon of >= 1, got "
                + historyLength + " and " + horizon);
        }
        if (trainingSeries.stream().noneMatch(s -> s.length >= historyLength + horizon)) {
            throw new UserException("Holt per horizon needs a training series of at least "
                + (historyLength + horizon) + " values for " + historyLength + " steps of history and " + horizon
                + " steps ahead");
        }
        int gridSteps = (int) Math.round(1 / HoltForecaster.GRID_STEP);
        double[] bestError = new double[horizon];
        Arrays.fill(bestError, Double.POSITIVE_INFINITY);
        HoltForecaster[] best = new HoltForecaster[horizon];
        for (int a = 1; a <= gridSteps; a++) {
            for (int b = 0; b <= gridSteps; b++) {
                HoltForecaster holt = new HoltForecaster(a * HoltForecaster.GRID_STEP, b * HoltForecaster.GRID_STEP);
                double[] error = squaredErrors(trainingSeries, holt, historyLength, horizon);
                for (int h = 0; h < horizon; h++) {
                    if (error[h] < bestError[h]) {
                        bestError[h] = error[h];
                        best[h] = holt;
                    }
                }
            }
        }
        return new HorizonHoltForecaster(List.of(best));
    }

    /**
     * The squared error at each horizon step (0-based) of {@code holt}'s forecasts from every run of
     * {@code historyLength} consecutive values of the series, summed over the runs that have a value at that step.
     */
    static double[] squaredErrors(List<double[]> series, HoltForecaster holt, int historyLength, int horizon) {
        double[] error = new double[horizon];
        for (double[] values : series) {
            for (int end = historyLength; end < values.length; end++) {
                int steps = Math.min(horizon, values.length - end);
                double[] forecast = holt.forecast(Arrays.copyOfRange(values, end - historyLength, end), steps);
                for (int h = 0; h < steps; h++) {
                    double residual = values[end + h] - forecast[h];
                    error[h] += residual * residual;
                }
            }
        }
        return error;
    }

    /** The forecaster of horizon step {@code h} (0-based). */
    public HoltForecaster step(int h) {
        return steps.get(h);
    }

    /** Horizon steps fitted: the most {@link #forecast} gives. */
    public int horizon() {
        return steps.size();
    }

    @Override
    public String name() {
        return "holt_per_horizon";
    }

    @Override
    public int minHistory() {
        return 2;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        if (horizon > steps.size()) {
            throw new IllegalArgumentException(name() + " was fitted for " + steps.size() + " steps, asked for "
                + horizon);
        }
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            forecast[h] = steps.get(h).forecast(history, h + 1)[h];
        }
        return forecast;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
