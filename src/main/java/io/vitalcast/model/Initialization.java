package io.vitalcast.model;

/**
 * How a new network's weights are drawn: from N(0, sigma^2), with sigma either fixed or, by default, Glorot's
 * sqrt(2 / (fanIn + fanOut)) per weight matrix; biases start at zero except the LSTM forget gate, which starts at
 * {@code forgetBias} (1.0 by default, so that the cell remembers until it learns to forget; Gers et al. 2000).
 *
 * @param sigma      fixed standard deviation, or NaN for Glorot scaling
 * @param forgetBias initial bias of the LSTM forget gate
 */
public record Initialization(double sigma, double forgetBias) {

    public Initialization {
        if (!Double.isNaN(sigma) && !(sigma >= 0 && Double.isFinite(sigma))) {
            throw new IllegalArgumentException("sigma must be a non-negative finite number or NaN, was " + sigma);
        }
        if (!Double.isFinite(forgetBias)) {
            throw new IllegalArgumentException("forgetBias must be finite, was " + forgetBias);
        }
    }

    /** Glorot-scaled weights and forget-gate bias 1.0. */
    public static Initialization defaults() {
        return new Initialization(Double.NaN, 1.0);
    }

    /** Standard deviation for a matrix with the given fans. */
    public double sigmaFor(int fanIn, int fanOut) {
        return Double.isNaN(sigma) ? Math.sqrt(2.0 / (fanIn + fanOut)) : sigma;
    }
}
