package io.vitalcast.backtest;

/**
 * How well alerts match labelled abnormal events over a recording.
 *
 * @param alerts             alerts opened
 * @param events             labelled abnormal events (NaN-free counts; 0 without labels)
 * @param truePositives      alerts that opened within the tolerance of a labelled event
 * @param detectedEvents     labelled events with an alert within the tolerance
 * @param hours              length of the recording in hours
 * @param alertsPerHour      alerts / hours
 * @param precision          true-positive alerts / alerts (NaN without alerts or labels)
 * @param recall             detected events / events (NaN without labels)
 * @param f1                 harmonic mean of precision and recall
 * @param falseAlarmsPerHour alerts matching no labelled event, per hour
 * @param medianDelaySeconds median of (alert time - event time) over detected events, NaN when none
 */
public record DetectionMetrics(int alerts, int events, int truePositives, int detectedEvents, double hours,
                               double alertsPerHour, double precision, double recall, double f1,
                               double falseAlarmsPerHour, double medianDelaySeconds) {
}
