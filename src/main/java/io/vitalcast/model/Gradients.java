package io.vitalcast.model;

import java.util.List;

/**
 * Loss gradients with respect to every parameter of a network, in the order of
 * {@link RecurrentNetwork#parameters()}. Accumulated by a {@link TrainingPass}, read and rescaled by clipping and
 * optimizers. Not thread-safe.
 */
public final class Gradients {
    private final double[][][] values;

    Gradients(List<Parameter> parameters) {
        values = new double[parameters.size()][][];
        for (int p = 0; p < values.length; p++) {
            values[p] = new double[parameters.get(p).rows()][parameters.get(p).columns()];
        }
    }

    /** Number of tensors. */
    public int count() {
        return values.length;
    }

    /** The gradient rows of tensor {@code index}, updated in place. */
    public double[][] tensor(int index) {
        return values[index];
    }

    /** Sets every gradient to zero. */
    public void zero() {
        for (double[][] tensor : values) {
            for (double[] row : tensor) {
                java.util.Arrays.fill(row, 0.0);
            }
        }
    }

    /** The global L2 norm over all tensors. */
    public double globalNorm() {
        double sum = 0;
        for (double[][] tensor : values) {
            for (double[] row : tensor) {
                sum += Kernels.dot(row, row, row.length);
            }
        }
        return Math.sqrt(sum);
    }

    /** Multiplies every gradient by {@code factor}. */
    public void scale(double factor) {
        for (double[][] tensor : values) {
            for (double[] row : tensor) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= factor;
                }
            }
        }
    }

    /** Clamps every gradient to [-limit, limit]; returns whether any value changed. */
    public boolean clampValues(double limit) {
        boolean changed = false;
        for (double[][] tensor : values) {
            for (double[] row : tensor) {
                for (int j = 0; j < row.length; j++) {
                    double v = row[j];
                    if (v > limit) {
                        row[j] = limit;
                        changed = true;
                    } else if (v < -limit) {
                        row[j] = -limit;
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }
}
