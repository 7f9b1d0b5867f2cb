package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.vitalcast.data.Segment;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.training.OptimizerType;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingListener;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LstmForecasterTrainerTest {
    private static final Duration STEP = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    /** A heart-rate-like series: 70 bpm baseline, a slow 40-step oscillation of 8 bpm, and noise of 0.5 bpm. */
    private static WindowDataset oscillatingHeartRate(int window, int horizon) {
        Well19937c random = new Well19937c(5L);
        double[] values = new double[1500];
        for (int t = 0; t < values.length; t++) {
            values[t] = 70 + 8 * Math.sin(2 * Math.PI * t / 40) + 0.5 * random.nextGaussian();
        }
        return WindowDataset.create(List.of(new Segment(Instant.parse("2026-01-01T00:00:00Z"), STEP, values)),
            window, horizon);
    }

    private static LstmForecasterTrainer.Trained train(WindowDataset data) {
        SignalSpec spec = SignalCatalog.defaults().spec("heart_rate", STEP);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(25).withOptimizer(OptimizerType.ADAM, 0.01)
            .withValidation(0.15, 5).withSeed(3L);
        return new LstmForecasterTrainer(new LstmForecasterSettings(20, 8, 16, 1, 0), config, TrainingListener.none(), 0.9)
            .train(data, spec, "synthetic");
    }

    @Test
    void shouldBeatEveryBaselineOnAnOscillatingSignalAtLongerHorizons() {
        WindowDataset data = oscillatingHeartRate(20, 8);
        LstmForecaster lstm = train(data).forecaster();
        List<double[]> train = data.train().series();

        BacktestReport report = new Backtest().run(data, List.of(lstm, new PersistenceForecaster(),
            new MovingAverageForecaster(5), AutoregressiveForecaster.fit(train, 8), HoltForecaster.fit(train)));

        ForecasterResult result = report.result("lstm").orElseThrow();
        assertThat(result.skill()[4]).as("skill at step 5 over the best baseline").isPositive();
        assertThat(result.metrics().coverage()[4]).isBetween(0.8, 1.0);
    }

    @Test
    void shouldForecastTheSameAfterAModelFileRoundTrip() throws Exception {
        WindowDataset data = oscillatingHeartRate(20, 8);
        LstmForecaster trained = train(data).forecaster();
        Path file = directory.resolve("hr.json");
        ModelFile.write(trained.bundle(), file);

        LstmForecaster loaded = LstmForecaster.of(ModelFile.read(file));

        double[] history = data.test().windows().get(0).history();
        assertThat(loaded.forecast(history, 8)).containsExactly(trained.forecast(history, 8));
        assertThat(loaded.intervals().halfWidths()).containsExactly(trained.intervals().halfWidths());
        assertThat(loaded.signal()).isEqualTo("heart_rate");
        assertThat(loaded.step()).isEqualTo(STEP);
    }

    @Test
    void shouldRefuseTooShortARecordingNamingTheWindows() {
        Well19937c random = new Well19937c(1L);
        double[] values = new double[40];
        for (int t = 0; t < values.length; t++) {
            values[t] = 70 + random.nextGaussian();
        }
        WindowDataset data = WindowDataset.create(List.of(new Segment(Instant.EPOCH, STEP, values)), 20, 8);

        assertThatThrownBy(() -> train(data)).hasMessageContaining("too little data to train");
    }
}
