package io.vitalcast.training;

/**
 * One finished epoch.
 *
 * @param epoch          0-based epoch
 * @param epochs         configured maximum
 * @param trainLoss      mean batch loss over the epoch
 * @param validationLoss loss on the validation part after the epoch, NaN without validation
 * @param improved       whether this epoch is the best so far on validation
 * @param clippedSteps   updates of this epoch whose gradients were clipped
 * @param steps          updates in this epoch
 * @param millis         wall time of the epoch
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, boolean improved,
                          int clippedSteps, int steps, long millis) {
}
