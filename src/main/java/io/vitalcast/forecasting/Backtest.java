package io.vitalcast.forecasting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;

/**
 * Runs several fitted forecasters on the same windows of a {@link WindowDataset}: each one's intervals are
 * calibrated on the validation windows, except a forecaster given its stored intervals (a model from a file is
 * judged with the intervals it ships with, as the stream uses them, never recalibrated on the file it is scored on),
 * then all are scored on the test windows. The forecasters must have been
 * fitted on the training part only; the backtest never shows them the other parts except as window histories.
 *
 * <p>Stateless apart from its configuration; thread-safe if the forecasters are.
 */
public final class Backtest {
    private final double level;
    private final Map<String, ConformalIntervals> stored;

    /** A backtest with intervals at the default 90 % coverage. */
    public Backtest() {
        this(ConformalIntervals.DEFAULT_LEVEL);
    }

    /** @param level interval coverage aimed at, in (0, 1) */
    public Backtest(double level) {
        this(level, Map.of());
    }

    /**
     * @param level  interval coverage aimed at, in (0, 1)
     * @param stored the intervals of forecasters, by name, that are scored as they are instead of calibrated
     */
    public Backtest(double level, Map<String, ConformalIntervals> stored) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("coverage level must be in (0, 1), got " + level);
        }
        this.level = level;
        this.stored = Map.copyOf(stored);
    }

    /**
     * Calibrates and scores every forecaster.
     *
     * @throws UserException            when the validation or test part has no window (the recording is too short)
     * @throws IllegalArgumentException when a forecaster needs more history than the windows have, or two
     *                                  forecasters share a name
     */
    public BacktestReport run(WindowDataset dataset, List<? extends Forecaster> forecasters) {
        int horizon = dataset.horizon();
        List<Window> validation = dataset.validation().windows();
        List<Window> test = dataset.test().windows();
        if (validation.isEmpty() || test.isEmpty()) {
            throw new UserException("backtest needs validation and test windows of " + dataset.inputLength()
                + "+" + horizon + " steps; validation has " + validation.size() + " windows ("
                + dataset.validation().steps() + " steps), test " + test.size() + " (" + dataset.test().steps()
                + " steps)");
        }
        if (forecasters.isEmpty()) {
            throw new IllegalArgumentException("backtest needs at least one forecaster");
        }
        Set<String> names = new HashSet<>();
        for (Forecaster forecaster : forecasters) {
            if (forecaster.minHistory() > dataset.inputLength()) {
                throw new IllegalArgumentException(forecaster.name() + " needs " + forecaster.minHistory()
                    + " history steps, windows have " + dataset.inputLength());
            }
            if (!names.add(forecaster.name())) {
                throw new IllegalArgumentException("two forecasters are named " + forecaster.name());
            }
        }
        double maseScale = ForecastMetrics.persistenceScale(dataset.train().series());
        double[][] actuals = test.stream().map(Window::target).toArray(double[][]::new);

        List<ConformalIntervals> intervals = new ArrayList<>();
        List<ForecastMetrics> metrics = new ArrayList<>();
        List<double[][]> forecasts = new ArrayList<>();
        for (Forecaster forecaster : forecasters) {
            ConformalIntervals calibrated = stored.containsKey(forecaster.name()) ? stored.get(forecaster.name())
                : ConformalIntervals.calibrate(forecaster, validation, horizon, level);
            double[][] predicted = new double[test.size()][];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = forecaster.forecast(test.get(i), horizon);
                if (predicted[i].length != horizon) {
                    throw new IllegalStateException(forecaster.name() + " returned " + predicted[i].length
                        + " forecasts for horizon " + horizon);
                }
            }
            intervals.add(calibrated);
            forecasts.add(predicted);
            metrics.add(ForecastMetrics.compute(predicted, actuals, maseScale, calibrated));
        }

        double[] bestBaselineRmse = new double[horizon];
        Arrays.fill(bestBaselineRmse, Double.NaN);
        for (int f = 0; f < forecasters.size(); f++) {
            if (forecasters.get(f).isBaseline()) {
                double[] rmse = metrics.get(f).rmse();
                for (int h = 0; h < horizon; h++) {
                    if (Double.isNaN(bestBaselineRmse[h]) || rmse[h] < bestBaselineRmse[h]) {
                        bestBaselineRmse[h] = rmse[h];
                    }
                }
            }
        }
        List<ForecasterResult> results = new ArrayList<>();
        for (int f = 0; f < forecasters.size(); f++) {
            double[] rmse = metrics.get(f).rmse();
            double[] skill = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                skill[h] = skill(rmse[h], bestBaselineRmse[h]);
            }
            Forecaster forecaster = forecasters.get(f);
            results.add(new ForecasterResult(forecaster.name(), forecaster.isBaseline(), intervals.get(f),
                metrics.get(f), skill, forecasts.get(f)));
        }
        return new BacktestReport(dataset.inputLength(), horizon, level, maseScale, dataset.train().steps(),
            validation.size(), test, results);
    }

    /** {@code 1 - rmse / referenceRmse}; NaN without a reference, 0 when both are exact. */
    static double skill(double rmse, double referenceRmse) {
        if (Double.isNaN(referenceRmse)) {
            return Double.NaN;
        }
        if (referenceRmse == 0) {
            return rmse == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        return 1 - rmse / referenceRmse;
    }
}
