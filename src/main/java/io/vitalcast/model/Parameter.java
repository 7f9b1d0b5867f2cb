package io.vitalcast.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A named parameter tensor of a network, for example {@code lstm0.weights}.
 *
 * <p>The values live in a {@code double[][]} (one array per row) because the training loops update them in place
 * with unit-stride row operations that the JIT vectorises; {@link #matrix()} exposes them as a Commons Math
 * {@link RealMatrix} view for callers. Not thread-safe: a network is trained by one thread at a time.
 */
public final class Parameter {
    private final String name;
    private final double[][] values;

    Parameter(String name, int rows, int columns) {
        this.name = name;
        this.values = new double[rows][columns];
    }

    /** Name, unique within a network. */
    public String name() {
        return name;
    }

    public int rows() {
        return values.length;
    }

    public int columns() {
        return values[0].length;
    }

    /** Number of scalar values. */
    public int size() {
        return rows() * columns();
    }

    /** A live view of the values: writes to the matrix change the parameter. */
    public RealMatrix matrix() {
        return new Array2DRowRealMatrix(values, false);
    }

    /**
     * The backing rows, for optimizers and serialization that update in place. Callers must not keep references
     * beyond one operation.
     */
    public double[][] values() {
        return values;
    }

    void copyFrom(double[][] source) {
        if (source.length != values.length || source[0].length != values[0].length) {
            throw new IllegalArgumentException("parameter " + name + " expects " + values.length + "x"
                + values[0].length + ", got " + source.length + "x" + source[0].length);
        }
        for (int r = 0; r < values.length; r++) {
            System.arraycopy(source[r], 0, values[r], 0, values[r].length);
        }
    }
}
