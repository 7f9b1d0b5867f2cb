package io.vitalcast.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores alert times against labelled event times. An alert is a true positive when it opens within
 * {@code tolerance} of a labelled abnormal event (before or after it); an event is detected when some alert opens
 * within that tolerance; the detection delay of an event is the time from the event to the first such alert.
 * Pure and stateless.
 */
public final class AlertEvaluation {
    private AlertEvaluation() {
    }

    /**
     * @param alertTimesMs  when alerts opened (epoch ms)
     * @param eventTimesMs  when labelled abnormal events happened, or null without labels
     * @param toleranceMs   matching tolerance
     * @param durationMs    length of the recording
     */
    public static DetectionMetrics evaluate(long[] alertTimesMs, long[] eventTimesMs, long toleranceMs,
                                            long durationMs) {
        long[] alerts = alertTimesMs.clone();
        Arrays.sort(alerts);
        double hours = durationMs / 3_600_000.0;
        double alertsPerHour = hours > 0 ? alerts.length / hours : Double.NaN;
        if (eventTimesMs == null) {
            return new DetectionMetrics(alerts.length, 0, 0, 0, hours, alertsPerHour, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
        }
        long[] events = eventTimesMs.clone();
        Arrays.sort(events);
        int truePositives = 0;
        for (long alert : alerts) {
            if (nearest(events, alert) <= toleranceMs) {
                truePositives++;
            }
        }
        int detected = 0;
        List<Double> delays = new ArrayList<>();
        for (long event : events) {
            int first = lowerBound(alerts, event - toleranceMs);
            if (first < alerts.length && alerts[first] <= event + toleranceMs) {
                detected++;
                delays.add((alerts[first] - event) / 1000.0);
            }
        }
        double precision = alerts.length == 0 ? Double.NaN : (double) truePositives / alerts.length;
        double recall = events.length == 0 ? Double.NaN : (double) detected / events.length;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        if (Double.isNaN(precision) || Double.isNaN(recall)) {
            f1 = Double.NaN;
        }
        double falseAlarmsPerHour = hours > 0 ? (alerts.length - truePositives) / hours : Double.NaN;
        return new DetectionMetrics(alerts.length, events.length, truePositives, detected, hours, alertsPerHour,
            precision, recall, f1, falseAlarmsPerHour, median(delays));
    }

    private static long nearest(long[] sorted, long value) {
        int i = lowerBound(sorted, value);
        long best = Long.MAX_VALUE;
        if (i < sorted.length) {
            best = sorted[i] - value;
        }
        if (i > 0) {
            best = Math.min(best, value - sorted[i - 1]);
        }
        return best;
    }

    private static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
