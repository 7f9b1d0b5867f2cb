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
import io.vitalcast.data.DatasetPart;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.forecasting.Forecaster;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.StatefulLstmForecaster;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.modelfile.ModelFile;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream runs the shipped stateful model exactly as {@code evaluate} scores it: a real recording replayed through
 * the production topology (state in the changelogged store, serialized at every step) gives, at every step, the
 * forecast the model makes running offline over the prepared series from the start of each segment, and every
 * window {@code evaluate} scores gets that same forecast. Heart rate has a few sensor-off minutes (short gaps filled,
 * long ones restarting the segment and the recurrent state); SpO2 has many more.
 */
class StatefulStreamingMatchesOfflineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MINUTES = 1200;

    @TempDir
    Path stateDir;

    @ParameterizedTest
    @ValueSource(strings = {"heart_rate", "spo2"})
    void shouldPublishTheForecastEvaluateScoresAtEveryStepOfARealRecording(String signal) throws Exception {
        SignalSpec spec = SignalCatalog.defaults().spec(signal, Duration.ofMinutes(1));
        List<Reading> readings = ReadingsCsv.readLong(Path.of("samples", "mimic-s00001_numerics_1min.csv")).stream()
            .filter(r -> r.signal().equals(signal)).limit(MINUTES).toList();
        TrainedForecaster model = TrainedForecaster.of(ModelFile.read(Path.of("samples", "models", signal + ".json")));
        assertThat(model).isInstanceOf(StatefulLstmForecaster.class);
        StatefulLstmForecaster stateful = (StatefulLstmForecaster) model;
        StreamingSettings settings = new StreamingSettings(Topics.defaults(), Map.of(signal, spec), null,
            Duration.ofSeconds(10), 0.0, 3, 2, Map.of());
        ModelRegistry models = ModelRegistry.of(model);

        PreparedSeries series = SeriesBuilder.prepare(readings, spec);
        Map<Long, double[]> offline = offlineForecasts(series, stateful);
        Map<Long, double[]> streamed = streamedForecasts(readings, signal, settings, models);

        assertThat(series.segments()).as("segments: restarts after long gaps").hasSizeGreaterThan(1);
        assertThat(streamed).hasSizeGreaterThan(MINUTES / 2);
        assertThat(offline.keySet()).containsAll(streamed.keySet());
        // the stream forecasts at every step that arrives; gap-filled steps advance its state without a forecast
        long lastStreamed = streamed.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        List<Long> notStreamed = offline.keySet().stream().filter(time -> !streamed.containsKey(time)).toList();
        assertThat(notStreamed.stream().filter(time -> time > lastStreamed)).as("steps still open at the end")
            .hasSizeLessThanOrEqualTo(2);
        assertThat(notStreamed.stream().filter(time -> time < lastStreamed)).as("filled steps")
            .hasSizeLessThanOrEqualTo(series.filledSteps());
        streamed.forEach((time, points) ->
            assertThat(points).as("forecast at %s", Instant.ofEpochMilli(time))
                .containsExactly(offline.get(time), within(1e-9)));

        WindowDataset windows = WindowDataset.create(series.segments(), model.window(), model.horizon());
        Forecaster evaluated = model.evaluatedOn(List.of(series), List.of(windows));
        int scored = 0;
        for (DatasetPart part : List.of(windows.train(), windows.validation(), windows.test())) {
            for (Window window : part.windows()) {
                long lastStep = window.targetTime(0).minus(spec.step()).toEpochMilli();
                assertThat(evaluated.forecast(window, model.horizon())).as("evaluate's window before %s",
                    window.targetTime(0)).containsExactly(offline.get(lastStep));
                scored++;
            }
        }
        assertThat(scored).isGreaterThan(MINUTES / 2);
    }

    private Map<Long, double[]> streamedForecasts(List<Reading> readings, String signal, StreamingSettings settings,
                                                  ModelRegistry models) throws Exception {
        Map<Long, double[]> streamed = new HashMap<>();
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stateful-match-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(ForecastTopology.build(settings, models,
            new VitalcastMetrics(new SimpleMeterRegistry())), properties)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("vitals.readings", new StringSerializer(),
                new ByteArraySerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("vitals.forecasts",
                new StringDeserializer(), new StringDeserializer());
            for (Reading r : readings) {
                String json = "{\"patientId\":\"" + r.patientId() + "\",\"signal\":\"" + signal + "\",\"timestamp\":\""
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
        return streamed;
    }

    /** The forecast at every step after the warm-up of its segment, the model run from each segment's start. */
    private static Map<Long, double[]> offlineForecasts(PreparedSeries series, StatefulLstmForecaster model) {
        Map<Long, double[]> forecasts = new HashMap<>();
        double[][] bySeriesStep = model.replay(series);
        int at = 0;
        for (io.vitalcast.data.Segment segment : series.segments()) {
            for (int t = 0; t < segment.length(); t++, at++) {
                if (bySeriesStep[at] != null) {
                    forecasts.put(segment.time(t).toEpochMilli(), bySeriesStep[at]);
                }
            }
        }
        return forecasts;
    }
}
