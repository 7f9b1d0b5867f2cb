package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.Segment;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.LstmForecaster;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.modelfile.ModelFile;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming forecaster computes what {@code evaluate} computes with a window model (the kind shipped before the
 * stateful one, kept here as a test resource): a real recording replayed through the production topology gives, at
 * every step, the forecast the offline forecaster makes from the same prepared series (same validation, same gap
 * filling, same restarts after long gaps). {@link StatefulStreamingMatchesOfflineTest} does the same for the shipped
 * stateful models.
 */
class StreamingMatchesOfflineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @TempDir
    Path modelDir;

    @Test
    void shouldPublishTheOfflineForecastAtEveryStepOfARealRecording() throws Exception {
        // the first 800 minutes of MIMIC s00001: 46 sensor-off minutes, short gaps filled and long ones restarting
        SignalSpec spec = SignalCatalog.defaults().spec("heart_rate", Duration.ofMinutes(1));
        List<Reading> readings = ReadingsCsv.readLong(Path.of("samples", "mimic-s00001_numerics_1min.csv")).stream()
            .filter(r -> r.signal().equals("heart_rate")).limit(800).toList();
        Path windowModel = Path.of("src", "test", "resources", "io", "vitalcast", "streaming",
            "heart_rate-window.json");
        java.nio.file.Files.copy(windowModel, modelDir.resolve("heart_rate.json"));
        LstmForecaster offline = LstmForecaster.of(ModelFile.read(windowModel));
        StreamingSettings settings = new StreamingSettings(Topics.defaults(), Map.of("heart_rate", spec), null,
            Duration.ofSeconds(10), 0.0, 3, 2, Map.of());
        ModelRegistry models = ModelRegistry.load(modelDir, Map.of("heart_rate", spec,
            "spo2", SignalCatalog.defaults().spec("spo2", Duration.ofMinutes(1)),
            "resp_rate", SignalCatalog.defaults().spec("resp_rate", Duration.ofMinutes(1)),
            "ecg_heart_rate", SignalCatalog.defaults().spec("ecg_heart_rate", Duration.ofSeconds(1))));

        Map<Long, double[]> expected = offlineForecasts(SeriesBuilder.prepare(readings, spec), offline);
        Map<Long, double[]> streamed = new HashMap<>();
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "match-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(ForecastTopology.build(settings, models,
            new VitalcastMetrics(new SimpleMeterRegistry())), properties)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("vitals.readings", new StringSerializer(),
                new ByteArraySerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("vitals.forecasts",
                new StringDeserializer(), new StringDeserializer());
            for (Reading r : readings) {
                String json = "{\"patientId\":\"" + r.patientId() + "\",\"signal\":\"heart_rate\",\"timestamp\":\""
                    + r.timestamp() + "\",\"value\":" + r.value() + "}";
                in.pipeInput(r.patientId(), json.getBytes(StandardCharsets.UTF_8), r.timestamp());
            }
            for (String value : out.readValuesToList()) {
                JsonNode forecast = JSON.readTree(value);
                assertThat(forecast.path("model").path("kind").asText()).isEqualTo("lstm");
                double[] points = new double[forecast.get("points").size()];
                for (int h = 0; h < points.length; h++) {
                    points[h] = forecast.get("points").get(h).get("value").asDouble();
                }
                streamed.put(Instant.parse(forecast.get("lastStepTime").asText()).toEpochMilli(), points);
            }
        }

        assertThat(streamed).hasSizeGreaterThan(700);
        assertThat(expected.keySet()).containsAll(streamed.keySet());
        assertThat(expected.size() - streamed.size()).as("steps still open at the end of the recording").isLessThanOrEqualTo(2);
        streamed.forEach((time, points) ->
            assertThat(points).as("forecast at %s", Instant.ofEpochMilli(time))
                .containsExactly(expected.get(time), within(1e-9)));
    }

    /** The offline forecast at every step that has a full window of history in its segment. */
    private static Map<Long, double[]> offlineForecasts(PreparedSeries series, LstmForecaster forecaster) {
        Map<Long, double[]> forecasts = new HashMap<>();
        for (Segment segment : series.segments()) {
            double[] values = segment.values();
            for (int end = forecaster.window(); end <= values.length; end++) {
                double[] history = java.util.Arrays.copyOfRange(values, end - forecaster.window(), end);
                forecasts.put(segment.time(end - 1).toEpochMilli(), forecaster.forecast(history, forecaster.horizon()));
            }
        }
        return forecasts;
    }
}
