/**
 * Vitalcast: a streaming forecaster for medical time series. Packages by concept, lower layers first (each uses only
 * those above it in this list):
 * <ul>
 *   <li>{@code errors}: the user-error type every layer throws for a mistake in an option, a setting or a file, so
 *       that the command line tells it from a bug;</li>
 *   <li>{@code model}: the recurrent regressor (LSTM cell, forward and backward passes, gradients);</li>
 *   <li>{@code training}: losses, optimizers, clipping, the trainers and early stopping;</li>
 *   <li>{@code quality}: signal-quality rules (dropout, flat line, impossible jump, saturation);</li>
 *   <li>{@code data}: readings, signals, series, windows and datasets from recordings;</li>
 *   <li>{@code modelfile}: the versioned, checksummed model file;</li>
 *   <li>{@code forecasting}: the offline {@code Forecaster}s, baselines, intervals and backtest, and the online
 *       model contract the stream runs ({@code OnlineModel}, {@code ModelRegistry});</li>
 *   <li>{@code alerting}: the alert engine (policy, state machine, acknowledgements, budget), no Kafka;</li>
 *   <li>{@code series}: the per-series step function and its state, no Kafka;</li>
 *   <li>{@code metrics}: Micrometer meters and the Prometheus endpoint;</li>
 *   <li>{@code streaming}: the Kafka Streams topology, processors, serdes and topics;</li>
 *   <li>{@code config}: configuration layers and their validation;</li>
 *   <li>{@code replay}, {@code embedded}, {@code backtest}: replaying recordings to Kafka, an embedded broker, and
 *       alert backtests through the production topology;</li>
 *   <li>{@code app}: the command line and the streaming job's lifecycle.</li>
 * </ul>
 */
package io.vitalcast;
