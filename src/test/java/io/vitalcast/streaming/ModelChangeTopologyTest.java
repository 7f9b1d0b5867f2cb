package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.RecurrentModel;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.modelfile.Provenance;
import io.vitalcast.series.SeriesState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model of a signal replaced by a retrained one of the same size (another model file in the model directory, the
 * service restarted on the same state): the series state the old model left in the production topology's store is
 * read by the new one, which starts a new segment rather than take the old model's recurrent state for its own; the
 * same model file loaded again carries the state on.
 */
class ModelChangeTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
    private static final String SIGNAL = "heart_rate";
    private static final SeriesKey SERIES = new SeriesKey("p-1", SIGNAL);
    private static final StreamingSettings SETTINGS = new StreamingSettings(Topics.defaults(),
        Map.of(SIGNAL, SignalCatalog.defaults().spec(SIGNAL, Duration.ofMinutes(1))), null, Duration.ofSeconds(10),
        0.0, 3, 2, Map.of());
    private static final Path SHIPPED = Path.of("samples", "models", SIGNAL + ".json");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0);

    @TempDir
    Path directory;

    /**
     * What a run of the topology left behind.
     *
     * @param forecastMinutes minutes after T0 of the steps a forecast was published at
     * @param state           the series state in the store at the end
     */
    private record Outcome(List<Long> forecastMinutes, SeriesState state) {
    }

    @Test
    void shouldRestartTheSegmentWhenTheModelFileWasReplacedByARetrainedOne() throws IOException {
        ModelRegistry before = load(shippedModelDirectory());
        ModelRegistry after = load(modelDirectory(retrained(ModelFile.read(SHIPPED))));
        RecurrentModel retrained = (RecurrentModel) after.modelOf(SIGNAL);

        Outcome first = run(before, null, 0, 60);
        long resumed = minuteOf(first.state().steps().lastStepMs()) + 1;
        Outcome second = run(after, first.state(), resumed, 45);

        assertThat(retrained.fingerprint()).isNotEqualTo(before.modelOf(SIGNAL).fingerprint());
        assertThat(retrained.acceptsState(first.state().model().state())).as("a state of the same size").isTrue();
        assertThat(second.forecastMinutes()).first().as("the first forecast, after the new segment's warm-up")
            .isEqualTo(resumed + retrained.window() - 1);
        assertThat(second.state().model().fingerprint()).isEqualTo(retrained.fingerprint());
    }

    @Test
    void shouldCarryTheRecurrentStateOnWhenTheModelFileIsTheSame() throws IOException {
        Path models = shippedModelDirectory();
        ModelRegistry before = load(models);
        ModelRegistry again = load(models);

        Outcome first = run(before, null, 0, 60);
        long resumed = minuteOf(first.state().steps().lastStepMs()) + 1;
        Outcome second = run(again, first.state(), resumed, 45);

        assertThat(second.forecastMinutes()).first().isEqualTo(resumed);
        assertThat(second.state().steps().segmentSteps())
            .isEqualTo(first.state().steps().segmentSteps() + minuteOf(second.state().steps().lastStepMs()) - resumed + 1);
    }

    /** The same network with every weight scaled and a later training time, as a retraining would give. */
    private static ModelBundle retrained(ModelBundle bundle) {
        List<double[][]> values = bundle.network().parameterValues();
        for (double[][] tensor : values) {
            for (double[] row : tensor) {
                for (int i = 0; i < row.length; i++) {
                    row[i] *= 0.9;
                }
            }
        }
        Provenance p = bundle.provenance();
        return new ModelBundle(bundle.name(), RecurrentNetwork.of(bundle.network().architecture(), values),
            bundle.training(), bundle.scaling(), bundle.metrics(), new Provenance(p.seed(), p.dataFingerprint(),
            p.dataDescription(), p.libraryVersion(), p.createdAt().plus(Duration.ofDays(1))), bundle.attributes(),
            bundle.vectors());
    }

    private Path shippedModelDirectory() throws IOException {
        Path models = Files.createDirectories(directory.resolve("shipped"));
        Files.copy(SHIPPED, models.resolve(SHIPPED.getFileName()));
        return models;
    }

    private Path modelDirectory(ModelBundle bundle) throws IOException {
        Path models = directory.resolve("retrained");
        ModelFile.write(bundle, models.resolve(SIGNAL + ".json"));
        return models;
    }

    /** The models the service loads at start from {@code models}. */
    private static ModelRegistry load(Path models) {
        return ModelRegistry.load(models, SETTINGS.signals());
    }

    /**
     * {@code minutes} minutes of readings from {@code fromMinute} through a topology with {@code models}: started
     * afresh when {@code stored} is null, otherwise restarted on the same state directory with {@code stored} in its
     * series store.
     */
    private Outcome run(ModelRegistry models, SeriesState stored, long fromMinute, int minutes) {
        if (stored == null) {
            topology.start(SETTINGS, models);
        } else {
            topology.restart(models);
            topology.<SeriesKey, SeriesState>keyValueStore(ForecastProcessor.STORE).put(SERIES, stored);
        }
        for (long minute = fromMinute; minute < fromMinute + minutes; minute++) {
            Instant time = T0.plus(Duration.ofMinutes(minute));
            double value = 75 + 8 * Math.sin(minute / 6.0) + (minute % 3);
            topology.send("p-1", TestJson.reading("p-1", SIGNAL, time, value), time);
        }
        List<Long> forecastMinutes = topology.forecastTrees().stream()
            .map(forecast -> minuteOf(TestJson.lastStepMs(forecast))).toList();
        return new Outcome(forecastMinutes,
            topology.<SeriesKey, SeriesState>keyValueStore(ForecastProcessor.STORE).get(SERIES));
    }

    private static long minuteOf(long epochMillis) {
        return (epochMillis - T0.toEpochMilli()) / Duration.ofMinutes(1).toMillis();
    }
}
