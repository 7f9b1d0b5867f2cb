package io.vitalcast.model;

/** The plain recurrent layer, h_t = tanh(W_hh h_{t-1} + W_xh x_t + b), kept for comparison with the LSTM. */
final class RnnLayer extends RecurrentLayer {

    RnnLayer(String name, int in, int hidden) {
        super(name, in, hidden, 1);
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    boolean hasCellState() {
        return false;
    }

    @Override
    Trace newTrace() {
        return new RnnTrace(this);
    }

    @Override
    void forward(Trace trace, double[][] x, int batch, int steps, double[][] h0, double[][] c0) {
        trace.ensureCapacity(steps * batch, batch);
        trace.h0 = h0;
        double[][] w = weights.values();
        double[] b = bias.values()[0];
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                double[] hPrev = t == 0 ? h0[s] : trace.h[row - batch];
                double[] h = trace.h[row];
                System.arraycopy(b, 0, h, 0, width);
                Kernels.affineRows(x[row], in, w, 0, h, width);
                Kernels.affineRows(hPrev, hidden, w, in, h, width);
                Activations.tanh(h, 0, hidden, trace.scratch);
            }
        }
    }

    @Override
    void backward(Trace trace, double[][] x, int batch, int steps, double[][] dh, double[][] dx, int stop,
                  double[][] gw, double[] gb) {
        trace.refreshTransposes(this);
        for (int s = 0; s < batch; s++) {
            java.util.Arrays.fill(trace.dhNext[s], 0.0);
        }
        for (int t = steps - 1; t >= stop; t--) {
            for (int s = 0; s < batch; s++) {
                int row = t * batch + s;
                double[] h = trace.h[row];
                double[] dht = dh[row];
                double[] dhNext = trace.dhNext[s];
                double[] dz = trace.dz[row];
                for (int j = 0; j < hidden; j++) {
                    dz[j] = (dht[j] + dhNext[j]) * (1.0 - h[j] * h[j]);
                }
                if (t > stop) {
                    java.util.Arrays.fill(dhNext, 0.0);
                    Kernels.transposedRows(dz, width, trace.transposedHidden, dhNext, hidden);
                }
                if (dx != null) {
                    double[] dxt = dx[row];
                    java.util.Arrays.fill(dxt, 0, in, 0.0);
                    Kernels.transposedRows(dz, width, trace.transposedInput, dxt, in);
                }
            }
        }
        for (int s = 0; s < batch; s++) {
            accumulateParameterGradients(trace, x, batch, steps, stop, s, gw, gb);
        }
    }

    @Override
    void step(double[] x, double[] h, double[] c, double[] z, Activations.Scratch scratch, double[][] head,
              double[] y) {
        double[][] w = weights.values();
        System.arraycopy(bias.values()[0], 0, z, 0, width);
        Kernels.affineRows(x, in, w, 0, z, width);
        Kernels.affineRows(h, hidden, w, in, z, width);
        Activations.tanh(z, 0, hidden, scratch);
        System.arraycopy(z, 0, h, 0, hidden);
        if (head != null) {
            Kernels.affineRows(h, hidden, head, 0, y, y.length);
        }
    }

    private static final class RnnTrace extends Trace {
        RnnTrace(RnnLayer layer) {
            super(layer);
        }

        @Override
        double[] cellState(int row) {
            return null;
        }
    }
}
