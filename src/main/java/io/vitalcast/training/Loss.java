package io.vitalcast.training;

/**
 * A training loss that returns its value and fills its gradient in one call, so the two cannot disagree.
 */
public interface Loss {

    /**
     * Adds this example's loss to the total and writes d(loss)/d(output) into {@code gradient} (same shape as
     * {@code outputs}). {@code weight} is the factor of this example in the empirical mean (1 / examples in the
     * batch), applied to both value and gradient.
     *
     * @return the weighted loss of this example
     */
    double valueAndGradient(double[][] outputs, double[][] targets, double weight, double[][] gradient);
}
