package io.vitalcast.training;

import io.vitalcast.errors.UserException;

/**
 * Training diverged: the loss or the gradient norm became NaN or infinite. The network has been restored to the
 * parameters of the last step whose loss was finite. A {@link UserException}: the learning rate and clipping the user
 * chose are what to change, and the message says so.
 */
public final class NonFiniteLossException extends UserException {
    private final int epoch;
    private final long step;
    private final double loss;

    public NonFiniteLossException(int epoch, long step, double loss, double gradientNorm) {
        super("training diverged at epoch " + (epoch + 1) + ", step " + step + ": loss " + loss
            + ", gradient norm " + gradientNorm + "; the network keeps the parameters of the last finite step"
            + " (lower the learning rate or set a clip norm)");
        this.epoch = epoch;
        this.step = step;
        this.loss = loss;
    }

    public int epoch() {
        return epoch;
    }

    public long step() {
        return step;
    }

    public double loss() {
        return loss;
    }
}
