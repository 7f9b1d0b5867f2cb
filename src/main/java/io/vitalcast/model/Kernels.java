package io.vitalcast.model;

/**
 * The few vector kernels of the hot loops, written as unit-stride loops over single arrays so that the JIT
 * vectorises them. No allocation.
 */
final class Kernels {
    private Kernels() {
    }

    /** {@code y[0..n) += a * x[0..n)}. */
    static void axpy(double a, double[] x, double[] y, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }

    static double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += x[j] * y[j];
        }
        return s;
    }

    /** {@code z = b + sum_k x[k] W[offset + k]}, the affine map of a layer with weight rows per input unit. */
    static void affineRows(double[] x, int n, double[][] w, int rowOffset, double[] z, int width) {
        for (int k = 0; k < n; k++) {
            double a = x[k];
            if (a != 0.0) {
                axpy(a, w[rowOffset + k], z, width);
            }
        }
    }

    /** {@code w[offset + k] += x[k] * dz} for every k: the outer-product gradient of an affine map. */
    static void outerAccumulate(double[] x, int n, double[] dz, double[][] w, int rowOffset, int width) {
        for (int k = 0; k < n; k++) {
            double a = x[k];
            if (a != 0.0) {
                axpy(a, dz, w[rowOffset + k], width);
            }
        }
    }

    /** Copies the transpose of rows {@code [from, from+n)} of w into t ({@code t[j][k] = w[from + k][j]}). */
    static void transpose(double[][] w, int from, int n, double[][] t) {
        for (int k = 0; k < n; k++) {
            double[] row = w[from + k];
            for (int j = 0; j < row.length; j++) {
                t[j][k] = row[j];
            }
        }
    }
}
