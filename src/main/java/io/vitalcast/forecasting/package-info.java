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
 * training part and skill compares each forecaster with the best baseline at each horizon step
 * ({@link io.vitalcast.forecasting.BacktestReport#bestBaseline(int)}), so a model that cannot beat "the next value
 * equals the last one", or a regression aimed at that step, shows it. The
 * {@link io.vitalcast.forecasting.ReportWriter} turns the {@link io.vitalcast.forecasting.BacktestReport} into
 * {@code report.md}, {@code metrics.json} and PNG plots.
 *
 * <p>Horizon steps are 0-based in arrays and 1-based in reports ("step 1" is the next step).
 *
 * <p>From a readings file to a report:
 * <pre>{@code
 * List<Reading> readings = ReadingsCsv.readLong(Path.of("samples/mimic-s00001_numerics_1min.csv"));
 * PreparedSeries hr = SeriesBuilder.prepare(SeriesBuilder.group(readings).get(new SeriesKey("mimic-s00001",
 *     "heart_rate")), SignalCatalog.defaults().spec("heart_rate"));      // step inferred: PT1M
 * WindowDataset data = WindowDataset.create(hr.segments(), 30, 10);       // 70/15/15 in time order
 * List<double[]> train = data.train().series();
 * List<Forecaster> forecasters = List.of(new PersistenceForecaster(), new MovingAverageForecaster(5),
 *     AutoregressiveForecaster.fit(train, 3), DirectAutoregressiveForecaster.fitChoosingOrder(data),
 *     HoltForecaster.fit(train), HorizonHoltForecaster.fit(train, 30, 10));   // p chosen on validation
 * BacktestReport report = new Backtest().run(data, forecasters);         // intervals calibrated on validation
 * ReportWriter.write(report, Path.of("report"));
 * }</pre>
 * A trained model joins the list as one more {@code Forecaster} (not a baseline), fitted on {@code data.train()}
 * with inputs scaled by {@code data.fitScaler()}. A model file loads as a
 * {@link io.vitalcast.forecasting.TrainedForecaster}, whose {@code evaluatedOn(series, datasets)} is what the
 * backtest scores: for the {@link io.vitalcast.forecasting.StatefulLstmForecaster}, which carries its state from the
 * start of each segment, the forecasts it made running over the whole series, answered per window through
 * {@link io.vitalcast.forecasting.Forecaster#forecast(io.vitalcast.data.Window, int)}. If it also uses the validation part (early stopping), its
 * intervals are calibrated on windows it has partly seen and may be slightly too narrow; compare the test coverage.
 *
 * <p>Online: the stream forecasts every signal with an {@link io.vitalcast.forecasting.OnlineModel}, sealed into a
 * {@link io.vitalcast.forecasting.WindowModel} (re-reads its window at each step) and a
 * {@link io.vitalcast.forecasting.RecurrentModel} (carries a state the series stores, known by the model's
 * fingerprint so that no other model takes it for its own). Each has its {@link io.vitalcast.forecasting.ModelKind}
 * and its {@link io.vitalcast.forecasting.IntervalEstimator}. The {@link io.vitalcast.forecasting.ModelRegistry}
 * gives each signal the model of its file in the model directory or, without one, its baseline.
 */
package io.vitalcast.forecasting;
