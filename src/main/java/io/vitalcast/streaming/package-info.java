/**
 * The streaming forecaster: the Kafka Streams topology from readings to forecasts, alerts and rejected records.
 *
 * <p>How the parts fit: {@link io.vitalcast.streaming.ForecastTopology} wires the processors (a pure function of
 * {@link io.vitalcast.streaming.StreamingSettings}); {@link io.vitalcast.streaming.ReadingParser} turns bytes into
 * readings or {@link io.vitalcast.streaming.RejectedReading}s; Kafka Streams' windowed aggregation makes steps of
 * fixed-step signals; {@link io.vitalcast.streaming.SeriesUpdater} is the per-series logic (gaps, scoring, alerts
 * with hysteresis, the next forecast) as a pure function of a stored {@link io.vitalcast.streaming.SeriesState};
 * {@link io.vitalcast.streaming.ModelRegistry} supplies each signal's model: a stateful one is advanced by one step
 * per reading on the recurrent state stored in the {@code SeriesState}, a window one re-reads the stored window. The lifecycle (KafkaStreams, topics,
 * shutdown) lives with the runner, not here.
 *
 * <p>Alerting: the updater scores each step ({@code AnomalyScore}: residual over the calibrated half-width or a
 * running scale) and asks {@code CrossingProbability} how likely a limit crossing is within the horizon; the alarm
 * policy engine {@code AlertStateMachine} turns those observations into OPEN, UPDATE and RESOLVED events under the
 * signal's {@link io.vitalcast.streaming.AlertPolicy} (m-of-n, hysteresis, re-alert interval, escalation), with the
 * patient's acknowledgements and hourly budget supplied by an {@link io.vitalcast.streaming.AlertContext}.
 * {@code AckProcessor} reads the acknowledgements topic into a store that the forecasting processor reads.
 *
 * <p>Bad input policy: bytes that are not a reading, and readings that make no sense, go to the rejected topic with
 * a {@link io.vitalcast.streaming.RejectReason} and are counted; a bug throws and stops the client loudly.
 */
package io.vitalcast.streaming;
