package io.vitalcast.training;

/**
 * One long sequence for {@link StatefulTrainer}, such as a whole gap-free segment of a recording: the input
 * features of every step and, at the steps where the loss counts, the target row of that step. Steps without a
 * target (null row) still advance the recurrent state: the warm-up at the start of a segment, or steps whose targets
 * lie beyond the data the sequence may use.
 *
 * @param inputs  {@code [step][feature]}
 * @param targets {@code [step][output]}, a null row where no loss is counted
 */
public record StatefulSequence(double[][] inputs, double[][] targets) {

    public StatefulSequence {
        if (inputs == null || targets == null || inputs.length != targets.length) {
            throw new IllegalArgumentException("inputs and targets must have one row per step");
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
    }

    public int steps() {
        return inputs.length;
    }

    /** Steps whose loss counts. */
    public int scoredSteps() {
        int count = 0;
        for (double[] row : targets) {
            if (row != null) {
                count++;
            }
        }
        return count;
    }
}
