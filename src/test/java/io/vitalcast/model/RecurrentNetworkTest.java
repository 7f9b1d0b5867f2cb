package io.vitalcast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecurrentNetworkTest {
    private static final double[][] WINDOW = {{0.5, -1}, {0.25, 0}, {-0.75, 2}, {1, 1}, {0, -0.5}};

    @Test
    void shouldGiveTheSameForecastStepByStepAsOverTheWholeWindow() {
        RecurrentNetwork network = RecurrentNetwork.create(
            new Architecture(CellType.LSTM, 2, List.of(6, 4), 3, OutputMode.LAST_STEP), Initialization.defaults(), 1L);
        RecurrentState state = network.newState();
        double[] last = null;

        for (double[] input : WINDOW) {
            last = network.step(state, input);
        }

        assertThat(last).containsExactly(network.predict(WINDOW));
        assertThat(network.newTrainingPass().forward(WINDOW)[0]).containsExactly(last);
    }

    @Test
    void shouldResumeFromASerializedState() {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(2, 5, 2, 1), Initialization.defaults(), 2L);
        RecurrentState state = network.newState();
        network.step(state, WINDOW[0]);
        network.step(state, WINDOW[1]);

        RecurrentState restored = network.stateFromArray(state.toArray());

        assertThat(network.step(restored, WINDOW[2])).containsExactly(network.step(state.copy(), WINDOW[2]));
    }

    @Test
    void shouldStartTheForgetGateBiasAtOne() {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(1, 3, 1, 1), Initialization.defaults(), 3L);

        double[] bias = network.parameters().get(1).values()[0];

        assertThat(bias).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void shouldDrawWeightsWithTheConfiguredSigma() {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(50, 50, 1, 1),
            new Initialization(0.2, 1.0), 4L);
        org.apache.commons.math3.stat.descriptive.SummaryStatistics stats =
            new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
        for (double[] row : network.parameters().get(0).values()) {
            for (double v : row) {
                stats.addValue(v);
            }
        }

        assertThat(stats.getStandardDeviation()).isBetween(0.19, 0.21);
        assertThat(stats.getMean()).isBetween(-0.01, 0.01);
    }

    @Test
    void shouldExposeParametersAsCommonsMathMatrices() {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.rnn(2, 3, 1, 1), Initialization.defaults(), 5L);

        Parameter weights = network.parameters().get(0);
        weights.matrix().setEntry(0, 0, 42.0);

        assertThat(weights.name()).isEqualTo("layer0.weights");
        assertThat(weights.matrix().getRowDimension()).isEqualTo(5);
        assertThat(weights.values()[0][0]).isEqualTo(42.0);
    }

    @Test
    void shouldRejectInputsOfTheWrongWidth() {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(2, 3, 1, 1), Initialization.defaults(), 5L);

        assertThatThrownBy(() -> network.step(network.newState(), new double[3]))
            .hasMessageContaining("expected 2 input features, got 3");
    }
}
