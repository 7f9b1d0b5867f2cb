package io.vitalcast.model;

/**
 * Sigmoid and tanh over ranges of arrays, in place, through {@link Exponential}: a few passes the JIT vectorises
 * instead of one {@link Math#exp} call per value, which took most of the time of inference and about a third of
 * training. The formulas are those of the scalar versions through {@link Math#exp} ({@link Math#tanh} is not an
 * intrinsic and is several times slower), so the results agree with them to about 1e-13 relative; both saturate
 * cleanly for large arguments (no NaN).
 */
final class Activations {
    /** Below this |x|, tanh is x - x^3 / 3, where 1 - 2 / (exp(2x) + 1) would lose digits to cancellation. */
    private static final double TANH_SERIES_BELOW = 1e-4;

    private Activations() {
    }

    /** {@code z[j] = sigmoid(z[j])} for j in [from, to). */
    static void sigmoid(double[] z, int from, int to, Scratch scratch) {
        double[] a = scratch.argument;
        double[] e = scratch.value;
        for (int j = from; j < to; j++) {
            a[j] = -z[j];
        }
        Exponential.exp(a, e, scratch.exponent, from, to);
        for (int j = from; j < to; j++) {
            z[j] = 1.0 / (1.0 + e[j]);
        }
    }

    /** {@code z[j] = tanh(z[j])} for j in [from, to). */
    static void tanh(double[] z, int from, int to, Scratch scratch) {
        double[] a = scratch.argument;
        double[] e = scratch.value;
        for (int j = from; j < to; j++) {
            a[j] = 2.0 * z[j];
        }
        Exponential.exp(a, e, scratch.exponent, from, to);
        for (int j = from; j < to; j++) {
            z[j] = 1.0 - 2.0 / (e[j] + 1.0);
        }
        for (int j = from; j < to; j++) {
            if (Math.abs(a[j]) < 2.0 * TANH_SERIES_BELOW) {
                double x = 0.5 * a[j];
                z[j] = x - x * x * x / 3.0;
            }
        }
    }

    /** Working arrays of the activations, as long as the widest range they are used on. */
    static final class Scratch {
        final double[] argument;
        final double[] value;
        final double[] exponent;

        Scratch(int size) {
            argument = new double[size];
            value = new double[size];
            exponent = new double[size];
        }
    }
}
