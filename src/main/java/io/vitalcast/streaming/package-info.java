/**
 * The Kafka Streams shell of the forecaster: the topology from readings to forecasts, alerts and rejected records,
 * its processors, the wire and store formats, and the topics. With {@code app} and {@code backtest}, the only
 * package that imports Kafka Streams; what happens to a series at each step lives in {@code io.vitalcast.series}.
 *
 * <p>How the parts fit: {@link io.vitalcast.streaming.ForecastTopology} wires the processors (a pure function of
 * {@link io.vitalcast.streaming.StreamingSettings} and the models); {@link io.vitalcast.streaming.ReadingParser}
 * turns bytes into readings or {@link io.vitalcast.streaming.RejectedReading}s; Kafka Streams' windowed aggregation
 * makes steps of fixed-step signals; {@code ForecastProcessor} loads each series' state, applies the
 * {@link io.vitalcast.series.SeriesUpdater} and stores the state with {@link io.vitalcast.streaming.SeriesStateSerde};
 * {@code AckProcessor} reads the acknowledgements topic into a store that the forecasting processor reads. The
 * lifecycle (KafkaStreams, topics, shutdown) lives with the runner in {@code app}, not here.
 *
 * <p>Bad input policy: bytes that are not a reading, and readings that make no sense, go to the rejected topic with
 * a {@link io.vitalcast.streaming.RejectReason} and are counted; a bug throws and stops the client loudly.
 */
package io.vitalcast.streaming;
