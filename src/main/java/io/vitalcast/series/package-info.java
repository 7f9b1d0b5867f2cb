/**
 * The per-series step function: what happens to one series (patient and signal) when its next step arrives, as a
 * pure function of the state stored for it. No Kafka: the streaming processor only loads and stores the
 * {@link io.vitalcast.series.SeriesState} and forwards what {@link io.vitalcast.series.SeriesUpdater} returns, and a
 * backtest or a benchmark can run the same function directly.
 *
 * <p>How the parts fit: the state is one record per concern ({@link io.vitalcast.series.StepHistory},
 * {@link io.vitalcast.series.RecentForecasts}, {@link io.vitalcast.series.Residuals},
 * {@link io.vitalcast.series.ModelMemory}, the alert states, {@link io.vitalcast.series.QualityStatus}). A
 * {@link io.vitalcast.series.StepValue} (a closed step window, or one event-driven reading) is judged first by the
 * signal-quality rules (a bad step only moves the alert states, SENSOR among them); a good step fills gaps, is scored
 * against the forecasts made for it, advances the signal's {@link io.vitalcast.forecasting.OnlineModel}, yields the
 * next {@link io.vitalcast.series.ForecastRecord}, and hands what it found to the alert engine of
 * {@code io.vitalcast.alerting}. {@link io.vitalcast.series.SourceRecord} keeps where a step came from, so that a step
 * rejected as late can be traced to its input record.
 */
package io.vitalcast.series;
