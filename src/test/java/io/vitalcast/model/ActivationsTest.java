package io.vitalcast.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The vectorised activations must agree with the scalar formulas through {@link Math#exp} to 1e-12 relative over
 * every range the cells meet, and keep their behaviour at the edges (saturation, infinities, NaN, tiny values).
 */
class ActivationsTest {
    private static final int SIZE = 4099;

    @Test
    void shouldMatchTheMathExpFormulasTo1e12Relative() {
        Well19937c random = new Well19937c(17L);
        Activations.Scratch scratch = new Activations.Scratch(SIZE);
        double worstSigmoid = 0;
        double worstTanh = 0;
        for (double scale : new double[] {1e-6, 1e-4, 1e-3, 0.1, 1, 3, 10, 40, 400, 1000}) {
            double[] x = new double[SIZE];
            for (int j = 0; j < SIZE; j++) {
                x[j] = scale * random.nextGaussian();
            }
            double[] s = x.clone();
            double[] t = x.clone();
            Activations.sigmoid(s, 1, SIZE, scratch);
            Activations.tanh(t, 1, SIZE, scratch);
            assertThat(s[0]).isEqualTo(x[0]);
            for (int j = 1; j < SIZE; j++) {
                worstSigmoid = Math.max(worstSigmoid, relative(s[j], 1.0 / (1.0 + Math.exp(-x[j]))));
                worstTanh = Math.max(worstTanh, relative(t[j], scalarTanh(x[j])));
            }
        }
        assertThat(worstSigmoid).isLessThan(1e-12);
        assertThat(worstTanh).isLessThan(1e-12);
    }

    @Test
    void shouldSaturateWithoutNaNAndPassNaNThrough() {
        Activations.Scratch scratch = new Activations.Scratch(8);
        double[] s = {Double.NEGATIVE_INFINITY, -800, -0.0, 0.0, 800, Double.POSITIVE_INFINITY, Double.NaN, 1e-300};
        double[] t = s.clone();
        Activations.sigmoid(s, 0, 8, scratch);
        Activations.tanh(t, 0, 8, scratch);
        assertThat(s).containsExactly(0.0, 1.0 / (1.0 + Math.exp(800)), 0.5, 0.5, 1.0, 1.0, Double.NaN, 0.5);
        assertThat(t).containsExactly(-1.0, -1.0, scalarTanh(-0.0), 0.0, 1.0, 1.0, Double.NaN, 1e-300);
    }

    private static double scalarTanh(double x) {
        if (Math.abs(x) < 1e-4) {
            return x - x * x * x / 3.0;
        }
        return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    }

    private static double relative(double actual, double expected) {
        if (actual == expected) {
            return 0;
        }
        return Math.abs(actual - expected) / Math.abs(expected);
    }
}
