/**
 * Backtesting the alerting: a recording replayed through the production topology in-process, its alerts scored
 * against labelled abnormal events (precision, recall, F1, false alarms per hour, detection delay), beside simple
 * baseline detectors. {@link io.vitalcast.backtest.TopologySession} runs the production topology in-process, for
 * the replay here and for the topology tests.
 */
package io.vitalcast.backtest;
