package io.vitalcast.training;

import java.util.List;

import io.vitalcast.model.RecurrentNetwork;

/**
 * The best-epoch bookkeeping both trainers share: the parameters with the lowest validation loss so far (the
 * untrained parameters count as a candidate, so training never returns a model worse on validation than where it
 * started), the epochs since they were found, and whether patience ran out. Without validation every epoch is the
 * best and nothing is restored. Mutable, one per training run.
 */
final class EarlyStopping {
    private final boolean validating;
    private final int patience;
    private final int epochs;
    private List<double[][]> best;
    private double bestValidation;
    private int bestEpoch = -1;
    private int sinceBest;
    private boolean stoppedEarly;

    private EarlyStopping(boolean validating, TrainingConfig config, List<double[][]> initial, double initialLoss) {
        this.validating = validating;
        this.patience = config.patience();
        this.epochs = config.epochs();
        this.best = initial;
        this.bestValidation = initialLoss;
    }

    /** Bookkeeping that starts from the network's current parameters and their validation loss. */
    static EarlyStopping from(RecurrentNetwork network, double initialValidationLoss, TrainingConfig config) {
        return new EarlyStopping(true, config, network.parameterValues(), initialValidationLoss);
    }

    /** Bookkeeping for a run without validation: the last epoch is the result. */
    static EarlyStopping withoutValidation(TrainingConfig config) {
        return new EarlyStopping(false, config, null, Double.POSITIVE_INFINITY);
    }

    /** Records an epoch's validation loss (ignored without validation); whether it is the best so far. */
    boolean epochEnded(int epoch, double validationLoss, RecurrentNetwork network) {
        if (!validating) {
            bestEpoch = epoch;
            return true;
        }
        if (validationLoss < bestValidation) {
            bestValidation = validationLoss;
            bestEpoch = epoch;
            best = network.parameterValues();
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether patience ran out after this epoch. */
    boolean shouldStop(int epoch) {
        if (patience > 0 && sinceBest >= patience) {
            stoppedEarly = epoch < epochs - 1;
            return true;
        }
        return false;
    }

    /** Puts the best parameters back into the network, when validation chose them. */
    void restoreBest(RecurrentNetwork network) {
        if (best != null) {
            network.setParameterValues(best);
        }
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** The best validation loss, or NaN without validation. */
    double bestValidation() {
        return validating ? bestValidation : Double.NaN;
    }

    boolean stoppedEarly() {
        return stoppedEarly;
    }
}
