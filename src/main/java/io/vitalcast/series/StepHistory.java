package io.vitalcast.series;

/**
 * The steps a series remembers: its last values and where the current segment stands.
 *
 * @param values       the last observed (or gap-filled) step values, oldest first, at most what the model reads
 * @param lastStepMs   time of the last step, or -1 before the first
 * @param segmentSteps steps since the current segment started (the first step, the restart after a long gap, or the
 *                     first step of another recurrent model)
 */
public record StepHistory(double[] values, long lastStepMs, long segmentSteps) {
    private static final StepHistory EMPTY = new StepHistory(new double[0], -1, 0);

    /** No step yet. */
    public static StepHistory empty() {
        return EMPTY;
    }
}
