package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.Segment;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.LstmForecaster;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineCalibration;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.series.OnlineLearning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming forecaster computes what {@code evaluate} computes with a window model (the kind shipped before the
 * stateful one, kept here as a test resource): a real recording replayed through the production topology gives, at
 * every step, the forecast the offline forecaster makes from the same prepared series (same validation, same gap
 * filling, same restarts after long gaps). {@link StatefulStreamingMatchesOfflineTest} does the same for the shipped
 * stateful models.
 */
class StreamingMatchesOfflineTest {
    /**
     * The model's own forecasts, which is what evaluate scores offline: the series' online adaptation of the forecast
     * is not run by evaluate yet, so it is off here (the interval calibration does not move point forecasts).
     */
    private static final OnlineLearning POPULATION_MODEL = new OnlineLearning(OnlineCalibration.RATE, false);

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingNow();

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
            Duration.ofSeconds(10), 0.0, 3, 2, Map.of(), Map.of(), 0, POPULATION_MODEL);
        ModelRegistry models = ModelRegistry.load(modelDir, Map.of("heart_rate", spec,
            "spo2", SignalCatalog.defaults().spec("spo2", Duration.ofMinutes(1)),
            "resp_rate", SignalCatalog.defaults().spec("resp_rate", Duration.ofMinutes(1)),
            "ecg_heart_rate", SignalCatalog.defaults().spec("ecg_heart_rate", Duration.ofSeconds(1))));

        Map<Long, double[]> expected = offlineForecasts(SeriesBuilder.prepare(readings, spec), offline);
        Map<Long, double[]> streamed = new HashMap<>();
        topology.start(settings, models);
        for (Reading r : readings) {
            topology.send(r.patientId(), TestJson.reading(r.patientId(), "heart_rate", r.timestamp(), r.value()),
                r.timestamp());
        }
        for (JsonNode forecast : topology.forecastTrees()) {
            assertThat(forecast.path("model").path("kind").asText()).isEqualTo("lstm");
            streamed.put(TestJson.lastStepMs(forecast), TestJson.pointValues(forecast));
        }

        assertThat(streamed).hasSizeGreaterThan(700);
        assertThat(expected.keySet()).containsAll(streamed.keySet());
        assertThat(expected.size() - streamed.size()).as("steps still open at the end of the recording").isLessThanOrEqualTo(2);
        // published at the signal's resolution: the offline forecast rounded the same way, to within 1e-9
        streamed.forEach((time, points) ->
            assertThat(points).as("forecast at %s", Instant.ofEpochMilli(time))
                .containsExactly(java.util.Arrays.stream(expected.get(time))
                    .map(v -> io.vitalcast.data.Resolution.round(spec.unit(), v)).toArray(), within(1e-9)));
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
