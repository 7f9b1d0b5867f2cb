package io.vitalcast.training;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The adding problem of Hochreiter and Schmidhuber (1997, experiment 4), a long-lag task: each step carries a
 * random value in [0, 1] and a marker; exactly two steps are marked, one in the first tenth of the sequence and one
 * before the middle, and the target is the sum of the two marked values. A model must carry a value across up to
 * the whole sequence, which a plain RNN's vanishing gradients prevent. Predicting the mean (1.0) scores a mean
 * squared error of 1/6; a model that solved the task scores far below.
 */
public final class AddingProblem {
    /** The shortest sequence the problem is defined for. */
    public static final int MIN_LENGTH = 4;
    /** Mean squared error of always predicting the expected sum 1.0: the variance of the sum of two U(0,1). */
    public static final double CONSTANT_PREDICTOR_MSE = 1.0 / 6.0;

    private AddingProblem() {
    }

    /** {@code count} examples of {@code length} steps (2 features each) with one target, from {@code seed}. */
    public static SequenceDataset generate(int count, int length, long seed) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("the adding problem needs at least 4 steps, was " + length);
        }
        RandomGenerator random = new Well19937c(seed);
        double[][][] inputs = new double[count][length][2];
        double[][][] targets = new double[count][1][1];
        int firstSpan = Math.max(1, length / 10);
        int half = Math.max(firstSpan + 1, length / 2);
        for (int n = 0; n < count; n++) {
            for (int t = 0; t < length; t++) {
                inputs[n][t][0] = random.nextDouble();
            }
            int first = random.nextInt(firstSpan);
            int second = firstSpan + random.nextInt(half - firstSpan);
            inputs[n][first][1] = 1.0;
            inputs[n][second][1] = 1.0;
            targets[n][0][0] = inputs[n][first][0] + inputs[n][second][0];
        }
        return new SequenceDataset(inputs, targets);
    }
}
