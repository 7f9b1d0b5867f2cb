/**
 * The per-series step function: what happens to one series (patient and signal) when its next step arrives, as a
 * pure function of the state stored for it. No Kafka: the streaming processor only loads and stores the
 * {@link io.vitalcast.series.SeriesState} and forwards what {@link io.vitalcast.series.SeriesUpdater} returns, and a
 * backtest or a benchmark can run the same function directly.
 *
 * <p>How the parts fit: a {@link io.vitalcast.series.StepValue} (a closed step window, or one event-driven reading)
 * is judged first by {@link io.vitalcast.series.SignalQuality} (bad steps raise SENSOR alerts and are kept out of
 * the history); a good step fills gaps, is scored against the forecasts made for it, drives the clinical alert kinds
 * of {@code io.vitalcast.alerting}, advances the signal's {@link io.vitalcast.forecasting.OnlineModel} and yields
 * the next {@link io.vitalcast.series.ForecastRecord}. {@link io.vitalcast.series.SourceRecord} keeps where a step
 * came from, so that a step rejected as late can be traced to its input record.
 */
package io.vitalcast.series;
