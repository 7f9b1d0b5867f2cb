package io.vitalcast.forecasting;

import java.util.Objects;

/**
 * One forecaster's part of a {@link BacktestReport}.
 *
 * @param name      forecaster name
 * @param baseline  whether it is a baseline
 * @param intervals intervals calibrated on the validation windows
 * @param metrics   metrics on the test windows
 * @param skill     per horizon step, {@code 1 - RMSE / RMSE of the best baseline at that step}: above 0 beats every
 *                  baseline; NaN when there are no baselines
 * @param forecasts {@code [test window][h]} point forecasts, for plots
 */
public record ForecasterResult(String name, boolean baseline, ConformalIntervals intervals, ForecastMetrics metrics,
                               double[] skill, double[][] forecasts) {

    public ForecasterResult {
        Objects.requireNonNull(name, "name");
        skill = skill.clone();
    }

    @Override
    public double[] skill() {
        return skill.clone();
    }
}
