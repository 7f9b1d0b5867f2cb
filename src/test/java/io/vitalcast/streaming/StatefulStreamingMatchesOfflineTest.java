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
import io.vitalcast.forecasting.OnlineCalibration;
import io.vitalcast.forecasting.StatefulLstmForecaster;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.series.OnlineLearning;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    /**
     * The model's own forecasts, which is what evaluate scores offline: the series' online adaptation of the forecast
     * is not run by evaluate yet, so it is off here (the interval calibration does not move point forecasts).
     */
    private static final OnlineLearning POPULATION_MODEL = new OnlineLearning(OnlineCalibration.RATE, false);

    private static final int MINUTES = 1200;

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingNow();

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
            Duration.ofSeconds(10), 0.0, 3, 2, Map.of(), Map.of(), 0, POPULATION_MODEL);
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
        // published at the signal's resolution: the offline forecast rounded the same way, to within 1e-9
        streamed.forEach((time, points) ->
            assertThat(points).as("forecast at %s", Instant.ofEpochMilli(time))
                .containsExactly(published(offline.get(time), spec.unit()), within(1e-9)));

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
                                                  ModelRegistry models) {
        Map<Long, double[]> streamed = new HashMap<>();
        topology.start(settings, models);
        for (Reading r : readings) {
            topology.send(r.patientId(), TestJson.reading(r.patientId(), signal, r.timestamp(), r.value()),
                r.timestamp());
        }
        for (JsonNode forecast : topology.forecastTrees()) {
            assertThat(forecast.path("model").path("kind").asText()).isEqualTo("lstm");
            streamed.put(TestJson.lastStepMs(forecast), TestJson.pointValues(forecast));
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

    private static double[] published(double[] values, String unit) {
        return java.util.Arrays.stream(values).map(v -> io.vitalcast.data.Resolution.round(unit, v)).toArray();
    }
}
