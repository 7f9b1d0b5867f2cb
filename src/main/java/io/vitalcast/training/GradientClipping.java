package io.vitalcast.training;

import io.vitalcast.errors.UserException;
import io.vitalcast.model.Gradients;

/**
 * Gradient clipping against exploding gradients: by global L2 norm (Pascanu, Mikolov and Bengio 2013: if the norm
 * of all gradients exceeds {@code maxNorm}, rescale them to that norm, keeping their direction) and/or by value
 * (clamp each component to [-maxValue, maxValue]). A limit of 0 turns that kind off. The limits come from options
 * ({@code --clip-norm}), so a negative one is a {@link UserException}.
 *
 * @param maxNorm  global-norm threshold, 0 for none
 * @param maxValue per-component threshold, 0 for none
 */
public record GradientClipping(double maxNorm, double maxValue) {

    public GradientClipping {
        if (!(maxNorm >= 0) || !(maxValue >= 0) || Double.isInfinite(maxNorm) || Double.isInfinite(maxValue)) {
            throw new UserException("clipping limits must be finite and non-negative, were maxNorm="
                + maxNorm + ", maxValue=" + maxValue);
        }
    }

    public static GradientClipping none() {
        return new GradientClipping(0, 0);
    }

    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(maxNorm, 0);
    }

    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(0, maxValue);
    }

    /**
     * Clips in place. The norm is measured before any clipping; norm clipping is applied first, then value
     * clipping.
     */
    public Outcome apply(Gradients gradients) {
        double norm = gradients.globalNorm();
        boolean clipped = false;
        if (maxNorm > 0 && norm > maxNorm) {
            gradients.scale(maxNorm / norm);
            clipped = true;
        }
        if (maxValue > 0 && gradients.clampValues(maxValue)) {
            clipped = true;
        }
        return new Outcome(norm, clipped);
    }

    /**
     * What clipping saw and did.
     *
     * @param normBefore global L2 norm of the gradients before clipping
     * @param clipped    whether any gradient changed
     */
    public record Outcome(double normBefore, boolean clipped) {
    }
}
