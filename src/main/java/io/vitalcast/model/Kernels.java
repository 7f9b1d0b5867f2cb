package io.vitalcast.model;

/**
 * The few vector kernels of the hot loops, written as unit-stride loops over single arrays so that the JIT
 * vectorises them. No allocation.
 *
 * <p>The matrix kernels sweep four rows at a time, so that each pass loads and stores the accumulator once for four
 * rows instead of once per row, but they add the four products in row order, {@code ((z + a0 r0) + a1 r1) + ...}:
 * every sum is rounded exactly as a row-by-row loop would round it, whatever the batch or blocking around it.
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

    /** {@code z += sum_k x[k] w[offset + k]}, k ascending: the affine map of a layer with weight rows per input unit. */
    static void affineRows(double[] x, int n, double[][] w, int rowOffset, double[] z, int width) {
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            double a0 = x[k];
            double a1 = x[k + 1];
            double a2 = x[k + 2];
            double a3 = x[k + 3];
            double[] r0 = w[rowOffset + k];
            double[] r1 = w[rowOffset + k + 1];
            double[] r2 = w[rowOffset + k + 2];
            double[] r3 = w[rowOffset + k + 3];
            for (int j = 0; j < width; j++) {
                z[j] = z[j] + a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
        }
        for (; k < n; k++) {
            double a = x[k];
            if (a != 0.0) {
                axpy(a, w[rowOffset + k], z, width);
            }
        }
    }

    /** Sequences per group of the batch kernels: their rows stay in the L1 cache while the weights stream past. */
    private static final int GROUP = 8;

    /**
     * {@link #affineRows} for {@code count} sequences at once ({@code z[b] += sum_k x[b][k] w[offset + k]}): each
     * block of four weight rows is read once for a group of sequences instead of once per sequence. The same sums
     * in the same order as {@link #affineRows} per sequence.
     */
    static void affineRowsBatch(double[][] x, double[][] z, int count, int n, double[][] w, int rowOffset,
                                int width) {
        for (int g = 0; g < count; g += GROUP) {
            int end = Math.min(count, g + GROUP);
            int k = 0;
            for (; k + 4 <= n; k += 4) {
                double[] r0 = w[rowOffset + k];
                double[] r1 = w[rowOffset + k + 1];
                double[] r2 = w[rowOffset + k + 2];
                double[] r3 = w[rowOffset + k + 3];
                for (int b = g; b < end; b++) {
                    double[] xb = x[b];
                    double a0 = xb[k];
                    double a1 = xb[k + 1];
                    double a2 = xb[k + 2];
                    double a3 = xb[k + 3];
                    double[] zb = z[b];
                    for (int j = 0; j < width; j++) {
                        zb[j] = zb[j] + a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
                    }
                }
            }
            for (; k < n; k++) {
                for (int b = g; b < end; b++) {
                    double a = x[b][k];
                    if (a != 0.0) {
                        axpy(a, w[rowOffset + k], z[b], width);
                    }
                }
            }
        }
    }

    /**
     * {@link #transposedRows} for {@code count} sequences at once ({@code y[b] += sum_j d[b][j] t[j]}): the same
     * kernel as {@link #affineRowsBatch}, over the transposed weights from row 0.
     */
    static void transposedRowsBatch(double[][] d, double[][] y, int count, int rows, double[][] t, int n) {
        affineRowsBatch(d, y, count, rows, t, 0, n);
    }

    /**
     * {@code y += sum_j d[j] t[j]}, j ascending over {@code [0, rows)}: the transposed map, with {@code t} the
     * transposed weights; the same kernel as {@link #affineRows} from row 0.
     */
    static void transposedRows(double[] d, int rows, double[][] t, double[] y, int n) {
        affineRows(d, rows, t, 0, y, n);
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

    /**
     * {@code w[offset + k] += sum_s x[s][k] dz[s]} over the steps s = {@code from, from - 1, ..., to} (descending,
     * the order of backpropagation), for every k: the outer-product gradient of an affine map, four steps per sweep.
     * {@code x[s]} is row {@code xFirst + s * stride} of x, {@code dz[s]} row {@code dzFirst + s * stride} of dz.
     */
    static void outerAccumulate(double[][] x, int xFirst, double[][] dz, int dzFirst, int stride, int from, int to,
                                int n, double[][] w, int rowOffset, int width) {
        int s = from;
        for (; s - 3 >= to; s -= 4) {
            double[] x0 = x[xFirst + s * stride];
            double[] x1 = x[xFirst + (s - 1) * stride];
            double[] x2 = x[xFirst + (s - 2) * stride];
            double[] x3 = x[xFirst + (s - 3) * stride];
            double[] d0 = dz[dzFirst + s * stride];
            double[] d1 = dz[dzFirst + (s - 1) * stride];
            double[] d2 = dz[dzFirst + (s - 2) * stride];
            double[] d3 = dz[dzFirst + (s - 3) * stride];
            for (int k = 0; k < n; k++) {
                double a0 = x0[k];
                double a1 = x1[k];
                double a2 = x2[k];
                double a3 = x3[k];
                double[] row = w[rowOffset + k];
                for (int j = 0; j < width; j++) {
                    row[j] = row[j] + a0 * d0[j] + a1 * d1[j] + a2 * d2[j] + a3 * d3[j];
                }
            }
        }
        for (; s >= to; s--) {
            double[] x0 = x[xFirst + s * stride];
            double[] d0 = dz[dzFirst + s * stride];
            for (int k = 0; k < n; k++) {
                double a = x0[k];
                if (a != 0.0) {
                    axpy(a, d0, w[rowOffset + k], width);
                }
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
