package io.vitalcast.training;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Training examples: input sequences ({@code [example][step][feature]}) and their targets
 * ({@code [example][row][output]}: one row for a many-to-one network, one per step for many-to-many).
 * Examples are kept in the caller's order, which for time series should be time order: the trainer's validation
 * part is the tail.
 *
 * @param inputs  input sequences
 * @param targets target rows per example
 */
public record SequenceDataset(double[][][] inputs, double[][][] targets) {

    public SequenceDataset {
        if (inputs == null || targets == null || inputs.length != targets.length) {
            throw new IllegalArgumentException("inputs and targets must have the same number of examples");
        }
        if (inputs.length == 0) {
            throw new IllegalArgumentException("a dataset needs at least one example");
        }
    }

    public int size() {
        return inputs.length;
    }

    /** The examples {@code [from, to)}, sharing the arrays. */
    public SequenceDataset slice(int from, int to) {
        return new SequenceDataset(java.util.Arrays.copyOfRange(inputs, from, to),
            java.util.Arrays.copyOfRange(targets, from, to));
    }

    /** SHA-256 over every value, for provenance: the same data gives the same fingerprint. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(8);
            for (double[][][] part : new double[][][][] {inputs, targets}) {
                for (double[][] example : part) {
                    for (double[] row : example) {
                        for (double v : row) {
                            buffer.clear();
                            buffer.putDouble(v);
                            digest.update(buffer.array());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
