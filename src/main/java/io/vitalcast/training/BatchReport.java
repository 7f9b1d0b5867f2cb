package io.vitalcast.training;

/**
 * One optimizer step.
 *
 * @param epoch           0-based epoch
 * @param step            1-based update count over the whole run
 * @param batchesPerEpoch updates per epoch
 * @param loss            mean loss of the batch before the update
 * @param gradientNorm    global L2 norm of the gradients before clipping
 * @param clipped         whether clipping changed the gradients
 * @param learningRate    rate used for this update
 */
public record BatchReport(int epoch, long step, int batchesPerEpoch, double loss, double gradientNorm,
                          boolean clipped, double learningRate) {
}
