package io.vitalcast.model;

/**
 * Sigmoid and tanh written through {@link Math#exp}, an intrinsic on HotSpot; {@link Math#tanh} is not and is
 * several times slower in the training loops. Both saturate cleanly for large arguments (no NaN).
 */
final class Activations {
    private Activations() {
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double tanh(double x) {
        if (Math.abs(x) < 1e-4) {
            return x - x * x * x / 3.0;
        }
        return 1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0);
    }
}
