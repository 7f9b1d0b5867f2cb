package io.vitalcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import io.vitalcast.training.MeanSquaredError;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of backpropagation through time: for every value of every parameter tensor, the
 * analytic gradient must match the central difference of the loss to a relative error below 1e-6 (elements whose
 * absolute difference is below the rounding of the difference quotient itself are not counted).
 */
class GradientCheckTest {
    private static final double EPSILON = 1e-5;
    /**
     * Absolute differences below this are the rounding of the central difference itself (a loss of order 1 known
     * to ~1e-16, divided by 2 * EPSILON), not a wrong gradient: elements whose gradient is this small carry no
     * information about the relative error.
     */
    private static final double ROUNDOFF = 1e-10;

    static Stream<Arguments> architectures() {
        return Stream.of(
            Arguments.of("LSTM many-to-one", new Architecture(CellType.LSTM, 3, List.of(5), 2, OutputMode.LAST_STEP)),
            Arguments.of("stacked LSTM many-to-one",
                new Architecture(CellType.LSTM, 2, List.of(4, 3), 3, OutputMode.LAST_STEP)),
            Arguments.of("LSTM many-to-many", new Architecture(CellType.LSTM, 2, List.of(4), 2, OutputMode.EVERY_STEP)),
            Arguments.of("stacked LSTM many-to-many",
                new Architecture(CellType.LSTM, 3, List.of(3, 4), 1, OutputMode.EVERY_STEP)),
            Arguments.of("RNN many-to-one", new Architecture(CellType.RNN, 3, List.of(5), 2, OutputMode.LAST_STEP)),
            Arguments.of("stacked RNN many-to-many",
                new Architecture(CellType.RNN, 2, List.of(4, 3), 2, OutputMode.EVERY_STEP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void shouldMatchFiniteDifferencesForEveryParameterTensor(String name, Architecture architecture) {
        RecurrentNetwork network = RecurrentNetwork.create(architecture, new Initialization(0.5, 1.0), 11L);
        Well19937c random = new Well19937c(3L);
        int batch = 3;
        int steps = 6;
        double[][][] inputs = new double[batch][steps][architecture.inputSize()];
        int rows = architecture.outputMode() == OutputMode.LAST_STEP ? 1 : steps;
        double[][][] targets = new double[batch][rows][architecture.outputSize()];
        fill(inputs, random);
        fill(targets, random);

        TrainingPass pass = network.newTrainingPass();
        pass.zeroGradients();
        lossAndBackward(pass, inputs, targets, true);
        List<double[][]> analytic = copy(pass.gradients(), network.parameters().size());

        for (int p = 0; p < network.parameters().size(); p++) {
            Parameter parameter = network.parameters().get(p);
            double worst = 0;
            for (int r = 0; r < parameter.rows(); r++) {
                for (int c = 0; c < parameter.columns(); c++) {
                    double saved = parameter.values()[r][c];
                    parameter.values()[r][c] = saved + EPSILON;
                    double plus = lossAndBackward(pass, inputs, targets, false);
                    parameter.values()[r][c] = saved - EPSILON;
                    double minus = lossAndBackward(pass, inputs, targets, false);
                    parameter.values()[r][c] = saved;
                    double numeric = (plus - minus) / (2 * EPSILON);
                    double exact = analytic.get(p)[r][c];
                    double scale = Math.abs(numeric) + Math.abs(exact);
                    double difference = Math.abs(numeric - exact);
                    if (difference > ROUNDOFF) {
                        worst = Math.max(worst, difference / scale);
                    }
                }
            }
            assertThat(worst).as("%s: max relative error of %s", name, parameter.name()).isLessThan(1e-6);
        }
    }

    private static double lossAndBackward(TrainingPass pass, double[][][] inputs, double[][][] targets,
                                          boolean backward) {
        MeanSquaredError loss = new MeanSquaredError();
        double total = 0;
        for (int i = 0; i < inputs.length; i++) {
            double[][] outputs = pass.forward(inputs[i]);
            double[][] gradient = new double[outputs.length][outputs[0].length];
            total += loss.valueAndGradient(outputs, targets[i], 1.0 / inputs.length, gradient);
            if (backward) {
                pass.backward(gradient);
            }
        }
        return total;
    }

    private static List<double[][]> copy(Gradients gradients, int count) {
        List<double[][]> copies = new java.util.ArrayList<>();
        for (int p = 0; p < count; p++) {
            double[][] g = gradients.tensor(p);
            double[][] c = new double[g.length][];
            for (int r = 0; r < g.length; r++) {
                c[r] = g[r].clone();
            }
            copies.add(c);
        }
        return copies;
    }

    private static void fill(double[][][] values, Well19937c random) {
        for (double[][] block : values) {
            for (double[] row : block) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextGaussian();
                }
            }
        }
    }
}
