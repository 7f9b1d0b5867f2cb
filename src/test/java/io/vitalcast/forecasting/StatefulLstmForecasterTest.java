package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Segment;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.training.OptimizerType;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingListener;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatefulLstmForecasterTest {
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final SignalSpec SPEC = SignalCatalog.defaults().spec("heart_rate", STEP);

    @TempDir
    Path directory;

    /**
     * A heart-rate-like series in two segments (a long gap between them): 70 bpm baseline, a slow 40-step
     * oscillation of 8 bpm, and noise of 0.5 bpm.
     */
    private static PreparedSeries oscillatingHeartRate() {
        Well19937c random = new Well19937c(5L);
        double[] values = new double[1500];
        for (int t = 0; t < values.length; t++) {
            values[t] = 70 + 8 * Math.sin(2 * Math.PI * t / 40) + 0.5 * random.nextGaussian();
        }
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Segment> segments = List.of(new Segment(start, STEP, Arrays.copyOfRange(values, 0, 1150)),
            new Segment(start.plusSeconds(1200), STEP, Arrays.copyOfRange(values, 1150, 1500)));
        return new PreparedSeries(new SeriesKey("p-1", "heart_rate"), SPEC, segments, 1500, Map.of(), 0, 0, 1);
    }

    private static StatefulLstmForecasterTrainer.Trained train(PreparedSeries series) {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(25).withOptimizer(OptimizerType.ADAM, 0.01)
            .withValidation(0.15, 5).withSeed(3L).withTruncatedBptt(25, 0);
        return new StatefulLstmForecasterTrainer(new LstmForecasterSettings(20, 8, 16, 1, 0), config,
            TrainingListener.none(), 0.9).train(List.of(series), SPEC, "synthetic");
    }

    private static WindowDataset windows(PreparedSeries series) {
        return WindowDataset.create(series.segments(), 20, 8);
    }

    @Test
    void shouldBeatEveryBaselineOnAnOscillatingSignalAtLongerHorizonsWhenRunAsTheStreamRunsIt() {
        PreparedSeries series = oscillatingHeartRate();
        StatefulLstmForecaster lstm = train(series).forecaster();
        WindowDataset data = windows(series);
        List<double[]> train = data.train().series();

        BacktestReport report = new Backtest().run(data, List.of(lstm.evaluatedOn(List.of(series), List.of(data)),
            new PersistenceForecaster(), new MovingAverageForecaster(5), AutoregressiveForecaster.fit(train, 8),
            HoltForecaster.fit(train)));

        ForecasterResult result = report.result("lstm").orElseThrow();
        assertThat(result.skill()[4]).as("skill at step 5 over the best baseline").isPositive();
        assertThat(result.metrics().coverage()[4]).isBetween(0.8, 1.0);
    }

    @Test
    void shouldAnswerEveryWindowWithTheForecastMadeRunningFromItsSegmentStartBeforeAndAfterSaving()
        throws Exception {
        PreparedSeries series = oscillatingHeartRate();
        StatefulLstmForecaster trained = train(series).forecaster();
        Path file = directory.resolve("hr.json");
        ModelFile.write(trained.bundle(), file);
        TrainedForecaster loaded = TrainedForecaster.of(ModelFile.read(file));
        WindowDataset data = windows(series);
        Forecaster evaluated = loaded.evaluatedOn(List.of(series), List.of(data));
        double[] second = series.segments().get(1).values();

        // step by step as the stream does it, over the second segment from its own first step
        double[] state = null;
        double[][] streamed = new double[second.length][];
        for (int t = 0; t < second.length; t++) {
            state = trained.advance(state, t == 0 ? Double.NaN : second[t - 1], second[t]);
            streamed[t] = t + 1 < 20 ? null
                : trained.forecast(state, Arrays.copyOfRange(second, t + 1 - trained.memory(), t + 1));
        }

        assertThat(loaded).isInstanceOf(StatefulLstmForecaster.class);
        assertThat(loaded.intervals().halfWidths()).containsExactly(trained.intervals().halfWidths());
        List<Window> inSecondSegment = data.test().windows();
        assertThat(inSecondSegment).isNotEmpty();
        for (Window window : inSecondSegment) {
            int last = (int) window.targetIndex() - 1 - 1150;
            assertThat(evaluated.forecast(window, 8)).as("window at %d", window.targetIndex())
                .containsExactly(streamed[last]);
            assertThat(trained.forecast(Arrays.copyOfRange(second, 0, last + 1), 8)).containsExactly(streamed[last]);
        }
        assertThat(trained.forecast(inSecondSegment.get(0).history(), 8)).as("a window alone is not the segment")
            .isNotEqualTo(streamed[(int) inSecondSegment.get(0).targetIndex() - 1 - 1150]);
    }

    @Test
    void shouldLoadWindowModelFilesAsBefore() {
        TrainedForecaster window = TrainedForecaster.of(ModelFile.read(
            Path.of("src/test/resources/io/vitalcast/streaming/heart_rate-window.json")));

        assertThat(window).isInstanceOf(LstmForecaster.class);
        assertThat(window.window()).isEqualTo(30);
        assertThat(window.evaluatedOn(List.of(), List.of())).isSameAs(window);
    }
}
