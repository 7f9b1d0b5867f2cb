package io.vitalcast.training;

import java.util.List;

/**
 * How a training run went.
 *
 * @param history            one report per epoch run
 * @param bestEpoch          epoch whose parameters the network holds (the best on validation, or the last); -1 when
 *                           no epoch improved on the initial parameters
 * @param bestValidationLoss validation loss of that epoch, NaN without validation
 * @param stoppedEarly       whether early stopping ended the run
 * @param steps              updates made
 * @param clippedSteps       updates whose gradients were clipped
 */
public record TrainingResult(List<EpochReport> history, int bestEpoch, double bestValidationLoss,
                             boolean stoppedEarly, long steps, long clippedSteps) {

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** Train loss of the last epoch run. */
    public double finalTrainLoss() {
        return history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
    }

    /** Fraction of updates that were clipped. */
    public double clippingRate() {
        return steps == 0 ? 0 : (double) clippedSteps / steps;
    }
}
