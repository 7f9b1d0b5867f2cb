package io.vitalcast.training;

import io.vitalcast.errors.UserException;

/**
 * Everything that decides a training run besides the data and the initial network, so that the same
 * configuration, seed and data give bit-identical weights. Stored in model files as provenance. The values come from
 * {@code train}'s options, so one out of range is a {@link UserException}.
 *
 * @param epochs             maximum passes over the training part
 * @param batchSize          sequences per update
 * @param optimizer          the optimizer, with its published defaults
 * @param learningRate       base learning rate
 * @param learningRateDecay  per-epoch multiplicative decay of the rate (1 for constant)
 * @param clipNorm           global L2 norm clipping threshold, 0 for none
 * @param clipValue          per-value clipping threshold, 0 for none
 * @param validationFraction fraction of the sequences, taken from the end (the latest in time), held out for
 *                           validation and early stopping; 0 for none
 * @param patience           epochs without validation improvement before stopping early; 0 to always run all
 * @param seed               seed of shuffling (and of initialization, where the caller creates the network)
 * @param tbpttForward       truncated BPTT segment length in steps, 0 for full BPTT
 * @param tbpttBackward      steps gradients flow back within a segment, 0 for the whole segment
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerType optimizer, double learningRate,
                             double learningRateDecay, double clipNorm, double clipValue, double validationFraction,
                             int patience, long seed, int tbpttForward, int tbpttBackward) {

    public TrainingConfig {
        require(epochs >= 1, "epochs must be at least 1, was " + epochs);
        require(batchSize >= 1, "batchSize must be at least 1, was " + batchSize);
        require(optimizer != null, "optimizer is required");
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be positive, was "
            + learningRate);
        require(learningRateDecay > 0 && learningRateDecay <= 1, "learningRateDecay must be in (0, 1], was "
            + learningRateDecay);
        require(validationFraction >= 0 && validationFraction < 1, "validationFraction must be in [0, 1), was "
            + validationFraction);
        require(patience >= 0, "patience must be non-negative, was " + patience);
        require(tbpttForward >= 0 && tbpttBackward >= 0, "truncated BPTT lengths must be non-negative");
        require(tbpttForward == 0 || tbpttBackward <= tbpttForward,
            "tbpttBackward must not exceed tbpttForward, were " + tbpttBackward + " and " + tbpttForward);
        new GradientClipping(clipNorm, clipValue);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new UserException(message);
        }
    }

    /** Adam at 1e-3, batch 32, 20 epochs, clip norm 1.0, 10% validation, patience 5, seed 42, full BPTT. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(20, 32, OptimizerType.ADAM, 1e-3, 1.0, 1.0, 0, 0.1, 5, 42L, 0, 0);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, batchSize, optimizer, learningRate, learningRateDecay, clipNorm, clipValue,
            validationFraction, patience, seed, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, value, optimizer, learningRate, learningRateDecay, clipNorm, clipValue,
            validationFraction, patience, seed, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withOptimizer(OptimizerType value, double rate) {
        return new TrainingConfig(epochs, batchSize, value, rate, learningRateDecay, clipNorm, clipValue,
            validationFraction, patience, seed, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withLearningRateDecay(double value) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, value, clipNorm, clipValue,
            validationFraction, patience, seed, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withClipping(double norm, double value) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, learningRateDecay, norm, value,
            validationFraction, patience, seed, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withValidation(double fraction, int patienceEpochs) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, learningRateDecay, clipNorm, clipValue,
            fraction, patienceEpochs, seed, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, learningRateDecay, clipNorm, clipValue,
            validationFraction, patience, value, tbpttForward, tbpttBackward);
    }

    public TrainingConfig withTruncatedBptt(int forward, int backward) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, learningRateDecay, clipNorm, clipValue,
            validationFraction, patience, seed, forward, backward);
    }

    /** The clipping this configuration asks for. */
    public GradientClipping clipping() {
        return new GradientClipping(clipNorm, clipValue);
    }
}
