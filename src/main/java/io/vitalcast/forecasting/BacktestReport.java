package io.vitalcast.forecasting;

import java.util.List;
import java.util.Optional;

import io.vitalcast.data.Window;

/**
 * The outcome of a {@link Backtest}: every forecaster scored on the same test windows.
 *
 * @param inputLength       history steps per window
 * @param horizon           steps forecast per window
 * @param level             coverage aimed at by the intervals
 * @param maseScale         the training part's one-step persistence MAE (MASE denominator)
 * @param trainSteps        steps in the training part
 * @param validationWindows windows used for interval calibration
 * @param testWindows       the windows scored, in time order (targets are the actual values)
 * @param results           one per forecaster, in the order given
 */
public record BacktestReport(int inputLength, int horizon, double level, double maseScale, int trainSteps,
                             int validationWindows, List<Window> testWindows, List<ForecasterResult> results) {

    public BacktestReport {
        testWindows = List.copyOf(testWindows);
        results = List.copyOf(results);
    }

    public Optional<ForecasterResult> result(String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The baseline with the lowest RMSE at horizon step {@code h} (0-based), the first of them on a tie: the one
     * every forecaster's skill at that step is measured against. Empty when no forecaster is a baseline.
     */
    public Optional<ForecasterResult> bestBaseline(int h) {
        if (h < 0 || h >= horizon) {
            throw new IllegalArgumentException("horizon step " + h + " is outside 0.." + (horizon - 1));
        }
        ForecasterResult best = null;
        for (ForecasterResult result : results) {
            if (result.baseline() && (best == null || result.metrics().rmse()[h] < best.metrics().rmse()[h])) {
                best = result;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The forecaster with the lowest RMSE averaged over horizon steps. */
    public ForecasterResult best() {
        ForecasterResult best = results.get(0);
        for (ForecasterResult result : results) {
            if (ForecastMetrics.mean(result.metrics().rmse()) < ForecastMetrics.mean(best.metrics().rmse())) {
                best = result;
            }
        }
        return best;
    }
}
