package io.vitalcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.CellType;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.Parameter;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.model.TrainingPass;
import org.junit.jupiter.api.Test;

/** Each optimizer's first two updates of one weight, against values computed by hand from the published rules. */
class OptimizerTest {

    @Test
    void shouldApplySgdWithMomentumAsHeavyBall() {
        assertThat(twoSteps(new SgdOptimizer(0.9), 0.1, 0.5, 0.5)).containsExactly(new double[] {0.95, 0.855},
            within(1e-15));
    }

    @Test
    void shouldApplyRmsPropWithARunningMeanOfSquares() {
        assertThat(twoSteps(RmsPropOptimizer.defaults(), 0.01, 2, 2))
            .containsExactly(new double[] {0.9683772238983162, 0.9454356507744178}, within(1e-15));
    }

    @Test
    void shouldApplyAdamWithBiasCorrectedMoments() {
        assertThat(twoSteps(AdamOptimizer.defaults(), 0.001, 0.5, -1.0))
            .containsExactly(new double[] {0.99900000002, 0.9993661035424056}, within(1e-15));
    }

    @Test
    void shouldStartACopyWithFreshState() {
        Optimizer used = AdamOptimizer.defaults();
        twoSteps(used, 0.001, 0.5, -1.0);

        assertThat(twoSteps(used.copy(), 0.001, 0.5, -1.0)[0]).isEqualTo(0.99900000002, within(1e-15));
    }

    /** Runs two updates of the first weight of a tiny network, every other weight and gradient zero. */
    private static double[] twoSteps(Optimizer optimizer, double rate, double g1, double g2) {
        RecurrentNetwork network = RecurrentNetwork.create(
            new Architecture(CellType.RNN, 1, List.of(1), 1, OutputMode.LAST_STEP), new Initialization(0, 0), 1L);
        List<Parameter> parameters = network.parameters();
        parameters.get(0).values()[0][0] = 1.0;
        TrainingPass pass = network.newTrainingPass();
        double[] after = new double[2];
        double[] gradients = {g1, g2};
        for (int s = 0; s < 2; s++) {
            pass.zeroGradients();
            pass.gradients().tensor(0)[0][0] = gradients[s];
            optimizer.step(parameters, pass.gradients(), rate);
            after[s] = parameters.get(0).values()[0][0];
        }
        return after;
    }
}
