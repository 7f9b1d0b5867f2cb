package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Segment;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.training.EpochReport;
import io.vitalcast.training.OptimizerType;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingListener;
import io.vitalcast.training.TrainingResult;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class StatefulLstmForecasterTrainerTest {
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final SignalSpec SPEC = SignalCatalog.defaults().spec("heart_rate", STEP);
    private static final LstmForecasterSettings SETTINGS = new LstmForecasterSettings(10, 4, 8, 1, 2);
    private static final List<SplitFractions> SECOND_HELD_OUT =
        List.of(SplitFractions.TRAIN_ONLY, SplitFractions.VALIDATION_ONLY);

    private static PreparedSeries record(String patient, double period, long seed, int steps) {
        Well19937c random = new Well19937c(seed);
        double[] values = new double[steps];
        for (int t = 0; t < steps; t++) {
            values[t] = 70 + 8 * Math.sin(2 * Math.PI * t / period) + 0.5 * random.nextGaussian();
        }
        Segment segment = new Segment(Instant.parse("2026-01-01T00:00:00Z"), STEP, values);
        return new PreparedSeries(new SeriesKey(patient, "heart_rate"), SPEC, List.of(segment), steps, Map.of(), 0, 0,
            0);
    }

    private static StatefulLstmForecasterTrainer.Trained train(List<PreparedSeries> series) {
        TrainingConfig config = TrainingConfig.defaults().withEpochs(6).withOptimizer(OptimizerType.ADAM, 0.01)
            .withValidation(0.15, 2).withSeed(3L).withTruncatedBptt(20, 0);
        return new StatefulLstmForecasterTrainer(SETTINGS, config, TrainingListener.none(), 0.9)
            .train(series, SECOND_HELD_OUT, SPEC, "synthetic");
    }

    private static List<Double> losses(TrainingResult result, boolean validation) {
        return result.history().stream()
            .map(validation ? EpochReport::validationLoss : EpochReport::trainLoss).toList();
    }

    @Test
    void shouldValidateAndCalibrateOnEveryWindowOfTheHeldOutRecordAndOnNoneOfTheTrainingOne() {
        PreparedSeries trainOn = record("a", 30, 1L, 400);
        PreparedSeries heldOut = record("b", 30, 2L, 250);

        StatefulLstmForecasterTrainer.Trained trained = train(List.of(trainOn, heldOut));

        int heldOutWindows = WindowDataset.create(heldOut.segments(), 10, 4, SplitFractions.VALIDATION_ONLY)
            .validation().size();
        assertThat(heldOutWindows).isEqualTo(250 - 10 - 4 + 1);
        assertThat(trained.forecaster().bundle().metrics().get("validation_windows")).isEqualTo(heldOutWindows);
    }

    @Test
    void shouldDriveEarlyStoppingByTheHeldOutRecordWhileTrainingOnlyOnTheOthers() {
        PreparedSeries trainOn = record("a", 30, 1L, 400);

        TrainingResult onSimilar = train(List.of(trainOn, record("b", 30, 2L, 250))).training();
        TrainingResult onDifferent = train(List.of(trainOn, record("c", 7, 4L, 250))).training();

        int epochs = Math.min(onSimilar.history().size(), onDifferent.history().size());
        assertThat(losses(onDifferent, false).subList(0, epochs)).as("training loss: the held-out record is not "
            + "trained on").isEqualTo(losses(onSimilar, false).subList(0, epochs));
        assertThat(losses(onDifferent, true).subList(0, epochs)).as("validation loss: measured on the held-out "
            + "record").doesNotContainAnyElementsOf(losses(onSimilar, true).subList(0, epochs));
    }
}
