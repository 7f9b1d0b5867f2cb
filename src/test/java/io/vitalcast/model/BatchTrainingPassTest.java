package io.vitalcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import io.vitalcast.training.MeanSquaredError;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch run together step by step must give bit-for-bit the outputs and gradients of a loop over its sequences,
 * which is what keeps seeded training runs reproducible whichever path the trainer takes.
 */
class BatchTrainingPassTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of(new Architecture(CellType.LSTM, 1, List.of(8), 1, OutputMode.LAST_STEP), 0),
            Arguments.of(new Architecture(CellType.LSTM, 3, List.of(6), 2, OutputMode.LAST_STEP), 4),
            Arguments.of(new Architecture(CellType.LSTM, 2, List.of(5, 7), 3, OutputMode.EVERY_STEP), 0),
            Arguments.of(new Architecture(CellType.LSTM, 2, List.of(4, 3), 1, OutputMode.EVERY_STEP), 5),
            Arguments.of(new Architecture(CellType.RNN, 3, List.of(6), 2, OutputMode.LAST_STEP), 0),
            Arguments.of(new Architecture(CellType.RNN, 2, List.of(5, 4), 2, OutputMode.EVERY_STEP), 3));
    }

    @ParameterizedTest(name = "{0}, backward length {1}")
    @MethodSource("cases")
    void shouldEqualALoopOverTheSequencesBitForBit(Architecture architecture, int backwardLength) {
        RecurrentNetwork network = RecurrentNetwork.create(architecture, new Initialization(0.5, 1.0), 5L);
        Well19937c random = new Well19937c(9L);
        int batch = 6;
        int steps = 9;
        int rows = architecture.outputMode() == OutputMode.LAST_STEP ? 1 : steps;
        double[][][] inputs = gaussian(random, batch, steps, architecture.inputSize());
        double[][][] targets = gaussian(random, batch, rows, architecture.outputSize());
        MeanSquaredError loss = new MeanSquaredError();

        TrainingPass loop = network.newTrainingPass();
        loop.zeroGradients();
        double[][][] loopOutputs = new double[batch][][];
        for (int b = 0; b < batch; b++) {
            double[][] out = loop.forward(inputs[b]);
            loopOutputs[b] = copy(out);
            double[][] gradient = new double[rows][architecture.outputSize()];
            loss.valueAndGradient(out, targets[b], 1.0 / batch, gradient);
            loop.backward(gradient, backwardLength);
        }

        TrainingPass together = network.newTrainingPass();
        together.forward(inputs[0]);
        together.zeroGradients();
        double[][][] outputs = together.forwardBatch(inputs);
        double[][][] gradients = new double[batch][rows][architecture.outputSize()];
        for (int b = 0; b < batch; b++) {
            assertThat(outputs[b]).isDeepEqualTo(loopOutputs[b]);
            loss.valueAndGradient(outputs[b], targets[b], 1.0 / batch, gradients[b]);
        }
        together.backwardBatch(gradients, backwardLength);

        for (int p = 0; p < network.parameters().size(); p++) {
            double[][] expected = loop.gradients().tensor(p);
            double[][] actual = together.gradients().tensor(p);
            for (int r = 0; r < expected.length; r++) {
                assertThat(actual[r]).as("%s row %d", network.parameters().get(p).name(), r)
                    .containsExactly(expected[r]);
            }
        }
    }

    @Test
    void shouldRefuseSequencesOfDifferentLengthsAndAStateOfABatch() {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(1, 4, 1, 1), Initialization.defaults(),
            1L);
        TrainingPass pass = network.newTrainingPass();
        assertThatThrownBy(() -> pass.forwardBatch(new double[][][] {new double[3][1], new double[4][1]}))
            .isInstanceOf(IllegalArgumentException.class);
        pass.forwardBatch(new double[][][] {new double[3][1], new double[3][1]});
        assertThatThrownBy(pass::finalState).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pass.backward(new double[][] {{1.0}})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldPredictIntoCallerStorageAsTheAllocatingMethodsDo() {
        RecurrentNetwork network = RecurrentNetwork.create(
            new Architecture(CellType.LSTM, 2, List.of(6, 5), 3, OutputMode.LAST_STEP), Initialization.defaults(), 3L);
        double[][] window = gaussian(new Well19937c(4L), 1, 12, 2)[0];
        RecurrentState work = network.newState();
        double[] output = new double[3];
        network.predict(window, work, output);
        assertThat(output).containsExactly(network.predict(window));
        network.predict(window, work, output);
        assertThat(output).containsExactly(network.predict(window));

        RecurrentState a = network.newState();
        RecurrentState b = network.newState();
        for (double[] x : window) {
            assertThat(network.step(a, x, output)).containsExactly(network.step(b, x));
            assertThat(network.output(a)).containsExactly(output);
        }
    }

    private static double[][] copy(double[][] rows) {
        double[][] c = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            c[r] = rows[r].clone();
        }
        return c;
    }

    private static double[][][] gaussian(Well19937c random, int a, int b, int c) {
        double[][][] values = new double[a][b][c];
        for (double[][] block : values) {
            for (double[] row : block) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextGaussian();
                }
            }
        }
        return values;
    }
}
