package io.vitalcast.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.data.Reading;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.ForecastRecord;
import io.vitalcast.streaming.ForecastTopology;
import io.vitalcast.streaming.JsonSerde;
import io.vitalcast.streaming.StreamingSettings;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Replays readings through the production topology ({@link ForecastTopology#build}) in-process with Kafka Streams'
 * TopologyTestDriver: event time from the readings, no broker, no sleeping. What comes out is what a deployment
 * would publish for the same input.
 */
public final class TopologyReplay {
    /**
     * A reading of this patient, an hour after the last one, advances stream time so that the windows of the
     * recording's last steps close (without it the last steps would wait in the suppression buffer forever); its
     * own outputs are dropped.
     */
    private static final String FLUSH_PATIENT = "vitalcast-backtest-flush";
    private static final java.time.Duration FLUSH_AFTER = java.time.Duration.ofHours(1);

    private TopologyReplay() {
    }

    /**
     * What the topology published.
     *
     * @param alerts    every alert event, in order
     * @param forecasts every forecast, in order
     * @param rejected  rejected records
     */
    public record Output(List<AlertEvent> alerts, List<ForecastRecord> forecasts, int rejected) {

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

    public static Output run(List<Reading> readings, StreamingSettings settings, ModelRegistry models) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("vitalcast-backtest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "vitalcast-backtest");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        JsonSerde<AlertEvent> alertSerde = new JsonSerde<>(AlertEvent.class);
        JsonSerde<ForecastRecord> forecastSerde = new JsonSerde<>(ForecastRecord.class);
        List<AlertEvent> alerts = new ArrayList<>();
        List<ForecastRecord> forecasts = new ArrayList<>();
        int rejected;
        try (TopologyTestDriver driver = new TopologyTestDriver(ForecastTopology.build(settings, models,
            new VitalcastMetrics(new SimpleMeterRegistry())), properties)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(settings.topics().readings(),
                new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, AlertEvent> alertTopic = driver.createOutputTopic(settings.topics().alerts(),
                new StringDeserializer(), alertSerde.deserializer());
            TestOutputTopic<String, ForecastRecord> forecastTopic = driver.createOutputTopic(
                settings.topics().forecasts(), new StringDeserializer(), forecastSerde.deserializer());
            TestOutputTopic<String, String> rejectedTopic = driver.createOutputTopic(settings.topics().rejected(),
                new StringDeserializer(), new StringDeserializer());
            List<Reading> ordered = new ArrayList<>(readings);
            ordered.sort(Comparator.comparing(Reading::timestamp));
            for (Reading r : ordered) {
                String json = String.format(Locale.ROOT,
                    "{\"patientId\":\"%s\",\"signal\":\"%s\",\"timestamp\":%d,\"value\":%s}", r.patientId(),
                    r.signal(), r.timestamp().toEpochMilli(), Double.toString(r.value()));
                in.pipeInput(r.patientId(), json.getBytes(StandardCharsets.UTF_8), r.timestamp());
                alerts.addAll(alertTopic.readValuesToList());
                forecasts.addAll(forecastTopic.readValuesToList());
            }
            if (!ordered.isEmpty()) {
                Reading last = ordered.get(ordered.size() - 1);
                java.time.Instant after = last.timestamp().plus(FLUSH_AFTER);
                String json = String.format(Locale.ROOT,
                    "{\"patientId\":\"%s\",\"signal\":\"%s\",\"timestamp\":%d,\"value\":%s}", FLUSH_PATIENT,
                    last.signal(), after.toEpochMilli(), Double.toString(last.value()));
                in.pipeInput(FLUSH_PATIENT, json.getBytes(StandardCharsets.UTF_8), after);
                alerts.addAll(alertTopic.readValuesToList());
                forecasts.addAll(forecastTopic.readValuesToList());
            }
            alerts.removeIf(a -> FLUSH_PATIENT.equals(a.patientId()));
            forecasts.removeIf(f -> FLUSH_PATIENT.equals(f.patientId()));
            rejected = (int) rejectedTopic.readValuesToList().stream()
                .filter(r -> !r.contains("\"" + FLUSH_PATIENT + "\"")).count();
        }
        deleteQuietly(stateDir);
        return new Output(alerts, forecasts, rejected);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the OS cleans it
        }
    }
}
