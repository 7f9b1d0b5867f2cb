/**
 * Backtesting the alerting: a recording replayed through the production topology in-process, its alerts scored
 * against labelled abnormal events (precision, recall, F1, false alarms per hour, detection delay), beside simple
 * baseline detectors.
 */
package io.vitalcast.backtest;
