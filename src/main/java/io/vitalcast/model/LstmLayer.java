package io.vitalcast.model;

import static io.vitalcast.model.Activations.sigmoid;
import static io.vitalcast.model.Activations.tanh;

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
    void forward(Trace trace, double[][] x, int steps, double[] h0, double[] c0) {
        LstmTrace tr = (LstmTrace) trace;
        tr.ensureCapacity(steps);
        tr.h0 = h0;
        tr.c0 = c0;
        double[][] w = weights.values();
        double[] b = bias.values()[0];
        int n = hidden;
        for (int t = 0; t < steps; t++) {
            double[] hPrev = t == 0 ? h0 : tr.h[t - 1];
            double[] cPrev = t == 0 ? c0 : tr.c[t - 1];
            double[] z = tr.gates[t];
            System.arraycopy(b, 0, z, 0, width);
            Kernels.affineRows(x[t], in, w, 0, z, width);
            Kernels.affineRows(hPrev, n, w, in, z, width);
            double[] c = tr.c[t];
            double[] tc = tr.tanhC[t];
            double[] h = tr.h[t];
            for (int j = 0; j < n; j++) {
                double f = sigmoid(z[j]);
                double i = sigmoid(z[n + j]);
                double g = tanh(z[2 * n + j]);
                double o = sigmoid(z[3 * n + j]);
                z[j] = f;
                z[n + j] = i;
                z[2 * n + j] = g;
                z[3 * n + j] = o;
                double cj = f * cPrev[j] + i * g;
                double tcj = tanh(cj);
                c[j] = cj;
                tc[j] = tcj;
                h[j] = o * tcj;
            }
        }
    }

    @Override
    void backward(Trace trace, double[][] x, int steps, double[][] dh, double[][] dx, int stop,
                  double[][] gw, double[] gb) {
        LstmTrace tr = (LstmTrace) trace;
        tr.refreshTransposes(this);
        int n = hidden;
        double[] dz = tr.dz;
        double[] dhNext = tr.dhNext;
        double[] dcNext = tr.dcNext;
        java.util.Arrays.fill(dhNext, 0.0);
        java.util.Arrays.fill(dcNext, 0.0);
        for (int t = steps - 1; t >= stop; t--) {
            double[] a = tr.gates[t];
            double[] tc = tr.tanhC[t];
            double[] cPrev = t == 0 ? tr.c0 : tr.c[t - 1];
            double[] hPrev = t == 0 ? tr.h0 : tr.h[t - 1];
            double[] dht = dh[t];
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
            Kernels.axpy(1.0, dz, gb, width);
            Kernels.outerAccumulate(x[t], in, dz, gw, 0, width);
            Kernels.outerAccumulate(hPrev, n, dz, gw, in, width);
            java.util.Arrays.fill(dhNext, 0.0);
            for (int j = 0; j < width; j++) {
                double d = dz[j];
                if (d != 0.0) {
                    Kernels.axpy(d, tr.transposedHidden[j], dhNext, n);
                }
            }
            if (dx != null) {
                double[] dxt = dx[t];
                java.util.Arrays.fill(dxt, 0, in, 0.0);
                for (int j = 0; j < width; j++) {
                    double d = dz[j];
                    if (d != 0.0) {
                        Kernels.axpy(d, tr.transposedInput[j], dxt, in);
                    }
                }
            }
        }
    }

    @Override
    void step(double[] x, double[] h, double[] c, double[] z) {
        double[][] w = weights.values();
        System.arraycopy(bias.values()[0], 0, z, 0, width);
        Kernels.affineRows(x, in, w, 0, z, width);
        Kernels.affineRows(h, hidden, w, in, z, width);
        int n = hidden;
        for (int j = 0; j < n; j++) {
            double f = sigmoid(z[j]);
            double i = sigmoid(z[n + j]);
            double g = tanh(z[2 * n + j]);
            double o = sigmoid(z[3 * n + j]);
            double cj = f * c[j] + i * g;
            c[j] = cj;
            h[j] = o * tanh(cj);
        }
    }

    private static final class LstmTrace extends Trace {
        double[][] gates = new double[0][];
        double[][] c = new double[0][];
        double[][] tanhC = new double[0][];
        final double[] dcNext;
        private final int hidden;
        private final int width;

        LstmTrace(LstmLayer layer) {
            super(layer);
            hidden = layer.hidden;
            width = layer.width;
            dcNext = new double[layer.hidden];
        }

        @Override
        double[] cellState(int t) {
            return c[t];
        }

        @Override
        void ensureCapacity(int steps) {
            h = grow(h, steps, hidden);
            c = grow(c, steps, hidden);
            tanhC = grow(tanhC, steps, hidden);
            gates = grow(gates, steps, width);
        }
    }
}
