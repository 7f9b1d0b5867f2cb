package io.vitalcast.model;

/**
 * The LSTM layer. Gate blocks in the weight columns, in order: forget f, input i, candidate g, output o.
 * <pre>
 *   f_t = sigma(W_f [h_{t-1}, x_t] + b_f)     i_t = sigma(W_i [h_{t-1}, x_t] + b_i)
 *   g_t = tanh(W_C [h_{t-1}, x_t] + b_C)      o_t = sigma(W_o [h_{t-1}, x_t] + b_o)
 *   c_t = f_t * c_{t-1} + i_t * g_t           h_t = o_t * tanh(c_t)
 * </pre>
 */
final class LstmLayer extends RecurrentLayer {
    static final int FORGET = 0;
    static final int INPUT = 1;
    static final int CANDIDATE = 2;
    static final int OUTPUT = 3;

    LstmLayer(String name, int in, int hidden) {
        super(name, in, hidden, 4);
    }

    @Override
    int gates() {
        return 4;
    }

    @Override
    boolean hasCellState() {
        return true;
    }

    @Override
    Trace newTrace() {
        return new LstmTrace(this);
    }

    @Override
    void forward(Trace trace, double[][] x, int batch, int steps, double[][] h0, double[][] c0) {
        LstmTrace tr = (LstmTrace) trace;
        tr.ensureCapacity(steps * batch, batch);
        tr.h0 = h0;
        tr.c0 = c0;
        double[][] w = weights.values();
        double[] b = bias.values()[0];
        int n = hidden;
        double[][] previous = tr.stepRows;
        double[][] gates = tr.stepGates;
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                double[] z = tr.gates[row];
                System.arraycopy(b, 0, z, 0, width);
                Kernels.affineRows(x[row], in, w, 0, z, width);
                previous[s] = t == 0 ? h0[s] : tr.h[row - batch];
                gates[s] = z;
            }
            Kernels.affineRowsBatch(previous, gates, batch, n, w, in, width);
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                double[] cPrev = t == 0 ? c0[s] : tr.c[row - batch];
                activate(tr.gates[row], cPrev, tr.c[row], tr.tanhC[row], tr.h[row], tr.scratch);
            }
        }
    }

    /** Gate activations in place in z, then the new cell state c, tanh(c) and h. */
    private void activate(double[] z, double[] cPrev, double[] c, double[] tc, double[] h,
                          Activations.Scratch scratch) {
        int n = hidden;
        Activations.sigmoid(z, 0, 2 * n, scratch);
        Activations.tanh(z, 2 * n, 3 * n, scratch);
        Activations.sigmoid(z, 3 * n, 4 * n, scratch);
        for (int j = 0; j < n; j++) {
            double cj = z[j] * cPrev[j] + z[n + j] * z[2 * n + j];
            c[j] = cj;
            tc[j] = cj;
        }
        Activations.tanh(tc, 0, n, scratch);
        for (int j = 0; j < n; j++) {
            h[j] = z[3 * n + j] * tc[j];
        }
    }

    @Override
    void backward(Trace trace, double[][] x, int batch, int steps, double[][] dh, double[][] dx, int stop,
                  double[][] gw, double[] gb) {
        LstmTrace tr = (LstmTrace) trace;
        tr.refreshTransposes(this);
        int n = hidden;
        for (int s = 0; s < batch; s++) {
            java.util.Arrays.fill(tr.dhNext[s], 0.0);
            java.util.Arrays.fill(tr.dcNext[s], 0.0);
        }
        for (int t = steps - 1; t >= stop; t--) {
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                double[] a = tr.gates[row];
                double[] tc = tr.tanhC[row];
                double[] cPrev = t == 0 ? tr.c0[s] : tr.c[row - batch];
                double[] dht = dh[row];
                double[] dhNext = tr.dhNext[s];
                double[] dcNext = tr.dcNext[s];
                double[] dz = tr.dz[row];
                for (int j = 0; j < n; j++) {
                    double f = a[j];
                    double i = a[n + j];
                    double g = a[2 * n + j];
                    double o = a[3 * n + j];
                    double d = dht[j] + dhNext[j];
                    double tcj = tc[j];
                    double dc = d * o * (1.0 - tcj * tcj) + dcNext[j];
                    dz[j] = dc * cPrev[j] * f * (1.0 - f);
                    dz[n + j] = dc * g * i * (1.0 - i);
                    dz[2 * n + j] = dc * i * (1.0 - g * g);
                    dz[3 * n + j] = d * tcj * o * (1.0 - o);
                    dcNext[j] = dc * f;
                }
                tr.stepGates[s] = dz;
            }
            if (t > stop) {
                for (int s = 0; s < batch; s++) {
                    java.util.Arrays.fill(tr.dhNext[s], 0.0);
                }
                Kernels.transposedRowsBatch(tr.stepGates, tr.dhNext, batch, width, tr.transposedHidden, n);
            }
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                double[] dz = tr.dz[row];
                if (dx != null) {
                    double[] dxt = dx[row];
                    java.util.Arrays.fill(dxt, 0, in, 0.0);
                    Kernels.transposedRows(dz, width, tr.transposedInput, dxt, in);
                }
            }
        }
        for (int s = 0; s < batch; s++) {
            accumulateParameterGradients(tr, x, batch, steps, stop, s, gw, gb);
        }
    }

    @Override
    void step(double[] x, double[] h, double[] c, double[] z, Activations.Scratch scratch, double[][] head,
              double[] y) {
        double[][] w = weights.values();
        System.arraycopy(bias.values()[0], 0, z, 0, width);
        Kernels.affineRows(x, in, w, 0, z, width);
        Kernels.affineRows(h, hidden, w, in, z, width);
        activate(z, c, c, h, h, scratch);
        if (head != null) {
            Kernels.affineRows(h, hidden, head, 0, y, y.length);
        }
    }

    private static final class LstmTrace extends Trace {
        double[][] gates = new double[0][];
        double[][] c = new double[0][];
        double[][] tanhC = new double[0][];
        double[][] dcNext = new double[0][];
        double[][] stepRows = new double[0][];
        double[][] stepGates = new double[0][];
        private final int hidden;
        private final int width;

        LstmTrace(LstmLayer layer) {
            super(layer);
            hidden = layer.hidden;
            width = layer.width;
        }

        @Override
        double[] cellState(int row) {
            return c[row];
        }

        @Override
        void ensureCapacity(int rows, int batch) {
            super.ensureCapacity(rows, batch);
            c = grow(c, rows, hidden);
            tanhC = grow(tanhC, rows, hidden);
            gates = grow(gates, rows, width);
            dcNext = grow(dcNext, batch, hidden);
            if (stepRows.length < batch) {
                stepRows = new double[batch][];
                stepGates = new double[batch][];
            }
        }
    }
}
