/**
 * Forecasting and its honest evaluation: the {@link io.vitalcast.forecasting.Forecaster} contract, the baselines any
 * model must beat, split-conformal prediction intervals, metrics, the backtest that runs them all on the same
 * windows, and the report.
 *
 * <p>How the parts fit: every forecaster sees only the history of a window, in original units, and is fitted (when
 * it is fitted at all) on the training part of a {@link io.vitalcast.data.WindowDataset}. The
 * {@link io.vitalcast.forecasting.Backtest} calibrates each forecaster's
 * {@link io.vitalcast.forecasting.ConformalIntervals} on the validation windows and scores it on the test windows
 * with {@link io.vitalcast.forecasting.ForecastMetrics}; MASE is scaled by the one-step persistence error of the
 * training part and skill compares each forecaster with the best baseline at each horizon step, so a model that
 * cannot beat "the next value equals the last one" shows it. The
 * {@link io.vitalcast.forecasting.ReportWriter} turns the {@link io.vitalcast.forecasting.BacktestReport} into
 * {@code report.md}, {@code metrics.json} and PNG plots.
 *
 * <p>Horizon steps are 0-based in arrays and 1-based in reports ("step 1" is the next step).
 */
package io.vitalcast.forecasting;
