package io.vitalcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.CellType;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.RecurrentNetwork;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** Windows of a noisy sine (period 16 steps, noise sd 0.1) and the next value of the clean sine. */
    static SequenceDataset noisySine(int count, int window, long seed) {
        Well19937c random = new Well19937c(seed);
        double[][][] inputs = new double[count][window][1];
        double[][][] targets = new double[count][1][1];
        for (int n = 0; n < count; n++) {
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int t = 0; t < window; t++) {
                inputs[n][t][0] = Math.sin(phase + 2 * Math.PI * t / 16) + 0.1 * random.nextGaussian();
            }
            targets[n][0][0] = Math.sin(phase + 2 * Math.PI * window / 16);
        }
        return new SequenceDataset(inputs, targets);
    }

    private static RecurrentNetwork lstm(int inputs, int hidden, int outputs, long seed) {
        return RecurrentNetwork.create(Architecture.lstm(inputs, hidden, 1, outputs), Initialization.defaults(), seed);
    }

    @Test
    void shouldLearnToForecastANoisySine() {
        SequenceDataset train = noisySine(600, 16, 1L);
        SequenceDataset test = noisySine(200, 16, 2L);
        RecurrentNetwork network = lstm(1, 8, 1, 3L);
        Trainer trainer = new Trainer(TrainingConfig.defaults().withEpochs(15).withOptimizer(OptimizerType.ADAM, 0.01));
        double before = trainer.evaluate(network, test);

        TrainingResult result = trainer.train(network, train);

        double after = trainer.evaluate(network, test);
        assertThat(before).isGreaterThan(0.3);
        assertThat(after).as("test MSE after training; the signal's variance is 0.5").isLessThan(0.02);
        assertThat(result.history()).isNotEmpty();
    }

    @Test
    void shouldLearnTheAddingProblemWithAnLstmButNotWithAPlainRnn() {
        SequenceDataset train = AddingProblem.generate(4000, 30, 7L);
        SequenceDataset test = AddingProblem.generate(500, 30, 8L);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(20).withOptimizer(OptimizerType.ADAM, 0.01)
            .withValidation(0.1, 0).withSeed(7L);
        Trainer trainer = new Trainer(config);

        RecurrentNetwork lstm = RecurrentNetwork.create(
            new Architecture(CellType.LSTM, 2, List.of(16), 1, OutputMode.LAST_STEP), Initialization.defaults(), 7L);
        RecurrentNetwork rnn = RecurrentNetwork.create(
            new Architecture(CellType.RNN, 2, List.of(16), 1, OutputMode.LAST_STEP), Initialization.defaults(), 7L);
        trainer.train(lstm, train);
        trainer.train(rnn, train);

        assertThat(trainer.evaluate(lstm, test)).isLessThan(0.1 * AddingProblem.CONSTANT_PREDICTOR_MSE);
        assertThat(trainer.evaluate(rnn, test)).isGreaterThan(0.5 * AddingProblem.CONSTANT_PREDICTOR_MSE);
    }

    @Test
    void shouldGiveBitIdenticalWeightsForTheSameSeedDataAndConfiguration() {
        SequenceDataset data = noisySine(200, 12, 1L);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3);
        RecurrentNetwork first = lstm(1, 6, 1, 9L);
        RecurrentNetwork second = lstm(1, 6, 1, 9L);
        RecurrentNetwork otherSeed = lstm(1, 6, 1, 9L);

        new Trainer(config).train(first, data);
        new Trainer(config).train(second, data);
        new Trainer(config.withSeed(43L)).train(otherSeed, data);

        for (int p = 0; p < first.parameters().size(); p++) {
            assertThat(first.parameterValues().get(p)).isDeepEqualTo(second.parameterValues().get(p));
        }
        assertThat(first.parameterValues().get(0)).isNotEqualTo(otherSeed.parameterValues().get(0));
    }

    @Test
    void shouldStopOnDivergenceAndKeepTheLastFiniteParameters() {
        SequenceDataset data = noisySine(64, 8, 1L);
        double[][][] targets = data.targets();
        targets[5][0][0] = 1e200;
        RecurrentNetwork network = lstm(1, 4, 1, 1L);
        Trainer trainer = new Trainer(TrainingConfig.defaults().withBatchSize(8).withValidation(0, 0)
            .withClipping(0, 0));

        assertThatThrownBy(() -> trainer.train(network, data))
            .isInstanceOf(NonFiniteLossException.class)
            .hasMessageContaining("training diverged");
        for (double[][] tensor : network.parameterValues()) {
            for (double[] row : tensor) {
                for (double v : row) {
                    assertThat(v).isFinite();
                }
            }
        }
    }

    @Test
    void shouldStopEarlyAndRestoreTheBestValidationEpoch() {
        SequenceDataset data = noisySine(100, 8, 1L);
        List<EpochReport> epochs = new ArrayList<>();
        Trainer trainer = new Trainer(TrainingConfig.defaults().withEpochs(200).withValidation(0.3, 2)
            .withOptimizer(OptimizerType.ADAM, 0.05))
            .withListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochReport report) {
                    epochs.add(report);
                }
            });
        RecurrentNetwork network = lstm(1, 4, 1, 1L);

        TrainingResult result = trainer.train(network, data);

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(epochs).hasSizeLessThan(200);
        double best = epochs.stream().mapToDouble(EpochReport::validationLoss).min().orElseThrow();
        assertThat(result.bestValidationLoss()).isEqualTo(best);
        assertThat(trainer.evaluate(network, data.slice(70, 100))).isEqualTo(best);
    }

    @Test
    void shouldReportGradientNormAndClippingForEveryStep() {
        SequenceDataset data = noisySine(64, 8, 1L);
        List<BatchReport> batches = new ArrayList<>();
        Trainer trainer = new Trainer(TrainingConfig.defaults().withEpochs(2).withBatchSize(16)
            .withValidation(0, 0).withClipping(1e-3, 0))
            .withListener(new TrainingListener() {
                @Override
                public void onBatch(BatchReport report) {
                    batches.add(report);
                }
            });

        TrainingResult result = trainer.train(lstm(1, 4, 1, 1L), data);

        assertThat(batches).hasSize(8);
        assertThat(batches).allSatisfy(b -> {
            assertThat(b.gradientNorm()).isPositive();
            assertThat(b.clipped()).isEqualTo(b.gradientNorm() > 1e-3);
        });
        assertThat(result.clippedSteps()).isEqualTo(batches.stream().filter(BatchReport::clipped).count());
    }

    @Test
    void shouldUseTheScheduleHookForTheLearningRate() {
        SequenceDataset data = noisySine(32, 8, 1L);
        List<Double> rates = new ArrayList<>();
        Trainer trainer = new Trainer(TrainingConfig.defaults().withEpochs(3).withBatchSize(32).withValidation(0, 0))
            .withSchedule(LearningRateSchedule.step(1, 0.5))
            .withListener(new TrainingListener() {
                @Override
                public void onBatch(BatchReport report) {
                    rates.add(report.learningRate());
                }
            });

        trainer.train(lstm(1, 4, 1, 1L), data);

        assertThat(rates).containsExactly(1e-3, 5e-4, 2.5e-4);
    }

    @Test
    void shouldLearnManyToManyWithTruncatedBackpropagation() {
        Well19937c random = new Well19937c(4L);
        int count = 200;
        int steps = 60;
        double[][][] inputs = new double[count][steps][1];
        double[][][] targets = new double[count][steps][1];
        for (int n = 0; n < count; n++) {
            for (int t = 0; t < steps; t++) {
                inputs[n][t][0] = random.nextGaussian();
                targets[n][t][0] = t >= 2 ? inputs[n][t - 2][0] : 0.0;
            }
        }
        SequenceDataset data = new SequenceDataset(inputs, targets);
        RecurrentNetwork network = RecurrentNetwork.create(
            new Architecture(CellType.LSTM, 1, List.of(12), 1, OutputMode.EVERY_STEP), Initialization.defaults(), 2L);
        Trainer trainer = new Trainer(TrainingConfig.defaults().withEpochs(25).withOptimizer(OptimizerType.ADAM, 0.01)
            .withTruncatedBptt(10, 5).withValidation(0, 0));
        double before = trainer.evaluate(network, data);

        trainer.train(network, data);

        assertThat(trainer.evaluate(network, data)).isLessThan(0.2 * before);
    }
}
