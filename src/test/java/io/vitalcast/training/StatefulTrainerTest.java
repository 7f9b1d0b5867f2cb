package io.vitalcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.RecurrentNetwork;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class StatefulTrainerTest {

    /**
     * Sequences whose first input is a sign (+1 or -1) and every later input noise; the target at every later step
     * is that sign. Only a state carried from the first step can know it.
     */
    private static List<StatefulSequence> rememberTheFirstSign(int count, int steps, long seed) {
        Well19937c random = new Well19937c(seed);
        List<StatefulSequence> sequences = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double sign = random.nextBoolean() ? 1 : -1;
            double[][] inputs = new double[steps][1];
            double[][] targets = new double[steps][];
            inputs[0][0] = sign;
            for (int t = 1; t < steps; t++) {
                inputs[t][0] = 0.05 * random.nextGaussian();
                targets[t] = new double[] {sign};
            }
            sequences.add(new StatefulSequence(inputs, targets));
        }
        return sequences;
    }

    private static RecurrentNetwork manyToMany(int hidden, long seed) {
        return RecurrentNetwork.create(Architecture.lstm(1, hidden, 1, 1).withOutputMode(OutputMode.EVERY_STEP),
            Initialization.defaults(), seed);
    }

    private static TrainingConfig config(int chunk, int epochs) {
        return TrainingConfig.defaults().withOptimizer(OptimizerType.ADAM, 0.01).withEpochs(epochs)
            .withValidation(0, 0).withTruncatedBptt(chunk, 0);
    }

    @Test
    void shouldCarryTheStateAcrossChunkBoundaries() {
        // 40 steps in chunks of 5: steps after the first chunk get the sign only through the carried state
        List<StatefulSequence> train = rememberTheFirstSign(60, 40, 1L);
        List<StatefulSequence> test = rememberTheFirstSign(40, 40, 2L);
        RecurrentNetwork network = manyToMany(8, 3L);
        double before = StatefulTrainer.evaluate(network, test);

        new StatefulTrainer(config(5, 25), TrainingListener.none()).train(network, train, List.of());

        assertThat(before).isGreaterThan(0.5);
        assertThat(StatefulTrainer.evaluate(network, test)).as("MSE on fresh sequences, run from their first step")
            .isLessThan(0.05);
    }

    @Test
    void shouldScoreOnlyTheStepsWithATargetRunningFromTheFirstStep() {
        RecurrentNetwork network = manyToMany(4, 5L);
        double[][] inputs = {{0.5}, {-1}, {2}, {0.1}};
        double[][] targets = {null, {0.3}, null, {-0.2}};
        double[][] outputs = network.predictEveryStep(inputs);
        double expected = (Math.pow(outputs[1][0] - 0.3, 2) + Math.pow(outputs[3][0] + 0.2, 2)) / 2;

        assertThat(StatefulTrainer.evaluate(network, List.of(new StatefulSequence(inputs, targets))))
            .isEqualTo(expected);
    }

    @Test
    void shouldKeepTheBestValidationEpochAndBeReproducible() {
        List<StatefulSequence> train = rememberTheFirstSign(20, 30, 7L);
        List<StatefulSequence> validation = rememberTheFirstSign(10, 30, 8L);
        TrainingConfig config = config(10, 6).withValidation(0, 3);
        RecurrentNetwork first = manyToMany(4, 9L);
        RecurrentNetwork second = manyToMany(4, 9L);

        TrainingResult result = new StatefulTrainer(config, TrainingListener.none()).train(first, train, validation);
        new StatefulTrainer(config, TrainingListener.none()).train(second, train, validation);

        assertThat(StatefulTrainer.evaluate(first, validation)).isEqualTo(result.bestValidationLoss());
        assertThat(result.history()).allSatisfy(epoch ->
            assertThat(epoch.validationLoss()).isGreaterThanOrEqualTo(result.bestValidationLoss()));
        for (int p = 0; p < first.parameters().size(); p++) {
            assertThat(first.parameterValues().get(p)).isDeepEqualTo(second.parameterValues().get(p));
        }
    }

    @Test
    void shouldRejectAManyToOneNetworkAndAMissingChunkLength() {
        RecurrentNetwork manyToOne = RecurrentNetwork.create(Architecture.lstm(1, 4, 1, 1),
            Initialization.defaults(), 1L);
        assertThatThrownBy(() -> new StatefulTrainer(config(5, 1), TrainingListener.none())
            .train(manyToOne, rememberTheFirstSign(2, 10, 1L), List.of())).hasMessageContaining("EVERY_STEP");
        assertThatThrownBy(() -> new StatefulTrainer(TrainingConfig.defaults(), TrainingListener.none()))
            .hasMessageContaining("chunk length");
    }
}
