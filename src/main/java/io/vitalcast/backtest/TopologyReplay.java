package io.vitalcast.backtest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.data.Reading;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.ForecastRecord;
import io.vitalcast.streaming.StreamingSettings;
import org.apache.kafka.streams.TestOutputTopic;

/**
 * Replays readings through the production topology ({@link io.vitalcast.streaming.ForecastTopology#build})
 * in-process, in a {@link TopologySession}: event time from the readings, no broker, no sleeping. What comes out is
 * what a deployment would publish for the same input.
 */
public final class TopologyReplay {
    /**
     * How far the wall clock is moved on after the last reading, so that the punctuation closes the recording's last
     * steps as it closes those of a monitor that falls silent.
     */
    private static final java.time.Duration FLUSH_AFTER = java.time.Duration.ofHours(1);

    private TopologyReplay() {
    }

    /**
     * What the topology published.
     *
     * @param alerts    every alert event, in order
     * @param forecasts every forecast, in order
     * @param rejected  rejected records
     * @param coverage  how often each horizon step's interval held the value, as the stream scored it (with the
     *                  series' online calibration), by 1-based horizon step; steps without an interval not counted
     * @param errors    mean absolute error of the forecasts published and of the population model's own, by horizon
     *                  step
     */
    public record Output(List<AlertEvent> alerts, List<ForecastRecord> forecasts, int rejected,
                         Map<Integer, Coverage> coverage, Map<Integer, Errors> errors) {

        /** Opened alerts of a kind per hour of the given span. */
        public double openedPerHour(io.vitalcast.alerting.AlertKind kind, long spanMs) {
            long opened = alerts.stream().filter(a -> a.state() == AlertState.OPEN && a.kind() == kind).count();
            return spanMs <= 0 ? Double.NaN : opened * 3.6e6 / spanMs;
        }

        /** Times (epoch ms) at which alerts opened. */
        public long[] openTimesMs() {
            return alerts.stream().filter(a -> a.state() == AlertState.OPEN)
                .mapToLong(a -> a.timestamp().toEpochMilli()).toArray();
        }

        /** Times (epoch ms) at which alerts opened, except those of the given kinds. */
        public long[] openTimesMs(io.vitalcast.alerting.AlertKind... excluded) {
            java.util.Set<io.vitalcast.alerting.AlertKind> skip = java.util.Set.of(excluded);
            return alerts.stream().filter(a -> a.state() == AlertState.OPEN && !skip.contains(a.kind()))
                .mapToLong(a -> a.timestamp().toEpochMilli()).toArray();
        }
    }

    /**
     * Values of one horizon step inside and outside their forecast intervals.
     *
     * @param inside  inside the interval
     * @param outside outside it
     */
    public record Coverage(long inside, long outside) {
        /** The share inside, NaN without any. */
        public double fraction() {
            long total = inside + outside;
            return total == 0 ? Double.NaN : (double) inside / total;
        }
    }

    /**
     * Mean absolute errors of one horizon step.
     *
     * @param published  of the forecasts the stream published (after the series' online adaptation)
     * @param population of the population model's own forecasts
     */
    public record Errors(double published, double population) {
    }

    public static Output run(List<Reading> readings, StreamingSettings settings, ModelRegistry models) {
        List<AlertEvent> alerts = new ArrayList<>();
        List<ForecastRecord> forecasts = new ArrayList<>();
        int rejected;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Reading> ordered = new ArrayList<>(readings);
        ordered.sort(Comparator.comparing(Reading::timestamp));
        // the wall clock runs with the recording, as it would for its monitor live
        java.time.Instant start = ordered.isEmpty() ? null : ordered.get(0).timestamp();
        try (TopologySession session = TopologySession.openTemporary(settings, models,
            new VitalcastMetrics(registry), start)) {
            TestOutputTopic<String, AlertEvent> alertTopic = session.alertEvents();
            TestOutputTopic<String, ForecastRecord> forecastTopic = session.forecastRecords();
            for (Reading r : ordered) {
                session.pipeReading(r.patientId(), json(r.patientId(), r.signal(), r.timestamp(), r.value()),
                    r.timestamp());
                alerts.addAll(alertTopic.readValuesToList());
                forecasts.addAll(forecastTopic.readValuesToList());
            }
            session.advanceWallClockTime(FLUSH_AFTER);
            alerts.addAll(alertTopic.readValuesToList());
            forecasts.addAll(forecastTopic.readValuesToList());
            rejected = session.rejected().readValuesToList().size();
        }
        return new Output(alerts, forecasts, rejected, coverage(registry), errors(registry));
    }

    /** The interval counters the forecasting processor kept, summed over signals, by horizon step. */
    private static Map<Integer, Coverage> coverage(SimpleMeterRegistry registry) {
        Map<Integer, long[]> counts = new TreeMap<>();
        for (Counter counter : registry.find(VitalcastMetrics.INTERVAL).counters()) {
            int horizon = Integer.parseInt(counter.getId().getTag("horizon"));
            boolean inside = "inside".equals(counter.getId().getTag("outcome"));
            counts.computeIfAbsent(horizon, h -> new long[2])[inside ? 0 : 1] += (long) counter.count();
        }
        Map<Integer, Coverage> coverage = new TreeMap<>();
        counts.forEach((horizon, c) -> coverage.put(horizon, new Coverage(c[0], c[1])));
        return Collections.unmodifiableMap(coverage);
    }

    /** The error summaries the forecasting processor kept, averaged over signals, by horizon step. */
    private static Map<Integer, Errors> errors(SimpleMeterRegistry registry) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (String name : List.of(VitalcastMetrics.ERROR, VitalcastMetrics.POPULATION_ERROR)) {
            int slot = name.equals(VitalcastMetrics.ERROR) ? 0 : 2;
            for (DistributionSummary summary : registry.find(name).summaries()) {
                double[] sum = sums.computeIfAbsent(Integer.parseInt(summary.getId().getTag("horizon")),
                    h -> new double[4]);
                sum[slot] += summary.totalAmount();
                sum[slot + 1] += summary.count();
            }
        }
        Map<Integer, Errors> errors = new TreeMap<>();
        sums.forEach((horizon, s) -> errors.put(horizon, new Errors(s[0] / s[1], s[2] / s[3])));
        return Collections.unmodifiableMap(errors);
    }

    /** A single reading, its timestamp in epoch milliseconds. */
    private static byte[] json(String patientId, String signal, java.time.Instant timestamp, double value) {
        return String.format(Locale.ROOT, "{\"patientId\":\"%s\",\"signal\":\"%s\",\"timestamp\":%d,\"value\":%s}",
            patientId, signal, timestamp.toEpochMilli(), Double.toString(value)).getBytes(StandardCharsets.UTF_8);
    }
}
