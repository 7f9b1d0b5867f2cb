package io.vitalcast.training;

import io.vitalcast.model.TrainingPass;

/**
 * The loss and gradients of one mini-batch of equal-length examples, run together through
 * {@link TrainingPass#forwardBatch} and {@link TrainingPass#backwardBatch}: the weights of every time step are read
 * once for the whole batch instead of once per example. It sums the same numbers in the same order as a loop over
 * the examples, so a seeded training run gives the same weights either way. Holds the batch's reusable arrays.
 */
final class MiniBatch {
    private final Loss loss;
    private final int backwardLength;
    private double[][][] inputs = new double[0][][];
    private double[][][] gradients = new double[0][][];

    MiniBatch(Loss loss, int backwardLength) {
        this.loss = loss;
        this.backwardLength = backwardLength;
    }

    /** The mean loss of the examples {@code order[from..to)}; their gradients are added to the pass's. */
    double lossAndGradients(TrainingPass pass, SequenceDataset data, int[] order, int from, int to) {
        int count = to - from;
        if (inputs.length != count) {
            inputs = new double[count][][];
        }
        for (int b = 0; b < count; b++) {
            inputs[b] = data.inputs()[order[from + b]];
        }
        double[][][] outputs = pass.forwardBatch(inputs);
        if (gradients.length != count || gradients[0].length != outputs[0].length
            || gradients[0][0].length != outputs[0][0].length) {
            gradients = new double[count][outputs[0].length][outputs[0][0].length];
        }
        double weight = 1.0 / count;
        double total = 0;
        for (int b = 0; b < count; b++) {
            total += loss.valueAndGradient(outputs[b], data.targets()[order[from + b]], weight, gradients[b]);
        }
        pass.backwardBatch(gradients, backwardLength);
        return total;
    }
}
