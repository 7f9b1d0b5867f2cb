package io.vitalcast.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.CellType;
import io.vitalcast.model.Gradients;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.RecurrentNetwork;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static Gradients gradients(double a, double b) {
        RecurrentNetwork network = RecurrentNetwork.create(
            new Architecture(CellType.RNN, 1, List.of(1), 1, OutputMode.LAST_STEP), Initialization.defaults(), 1L);
        Gradients g = network.newTrainingPass().gradients();
        g.tensor(0)[0][0] = a;
        g.tensor(3)[0][0] = b;
        return g;
    }

    @Test
    void shouldRescaleToTheMaximumNormKeepingDirection() {
        Gradients g = gradients(3, 4);

        GradientClipping.Outcome outcome = GradientClipping.byNorm(1.0).apply(g);

        assertThat(outcome.normBefore()).isEqualTo(5.0, within(1e-12));
        assertThat(outcome.clipped()).isTrue();
        assertThat(g.tensor(0)[0][0]).isEqualTo(0.6, within(1e-12));
        assertThat(g.tensor(3)[0][0]).isEqualTo(0.8, within(1e-12));
        assertThat(g.globalNorm()).isEqualTo(1.0, within(1e-12));
    }

    @Test
    void shouldLeaveSmallGradientsAloneAndReportTheirNorm() {
        Gradients g = gradients(0.3, 0.4);

        GradientClipping.Outcome outcome = GradientClipping.byNorm(1.0).apply(g);

        assertThat(outcome.clipped()).isFalse();
        assertThat(outcome.normBefore()).isEqualTo(0.5, within(1e-12));
        assertThat(g.tensor(0)[0][0]).isEqualTo(0.3);
    }

    @Test
    void shouldClampEachValueWhenClippingByValue() {
        Gradients g = gradients(3, -0.2);

        GradientClipping.Outcome outcome = GradientClipping.byValue(0.5).apply(g);

        assertThat(outcome.clipped()).isTrue();
        assertThat(g.tensor(0)[0][0]).isEqualTo(0.5);
        assertThat(g.tensor(3)[0][0]).isEqualTo(-0.2);
    }

    @Test
    void shouldRejectNegativeLimits() {
        assertThatThrownBy(() -> new GradientClipping(-1, 0)).hasMessageContaining("maxNorm=-1");
    }
}
