package io.vitalcast.model;

import static io.vitalcast.model.Activations.tanh;

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
    void forward(Trace trace, double[][] x, int steps, double[] h0, double[] c0) {
        trace.ensureCapacity(steps);
        trace.h0 = h0;
        double[][] w = weights.values();
        double[] b = bias.values()[0];
        for (int t = 0; t < steps; t++) {
            double[] hPrev = t == 0 ? h0 : trace.h[t - 1];
            double[] h = trace.h[t];
            System.arraycopy(b, 0, h, 0, width);
            Kernels.affineRows(x[t], in, w, 0, h, width);
            Kernels.affineRows(hPrev, hidden, w, in, h, width);
            for (int j = 0; j < hidden; j++) {
                h[j] = tanh(h[j]);
            }
        }
    }

    @Override
    void backward(Trace trace, double[][] x, int steps, double[][] dh, double[][] dx, int stop,
                  double[][] gw, double[] gb) {
        trace.refreshTransposes(this);
        double[] dz = trace.dz;
        double[] dhNext = trace.dhNext;
        java.util.Arrays.fill(dhNext, 0.0);
        for (int t = steps - 1; t >= stop; t--) {
            double[] h = trace.h[t];
            double[] hPrev = t == 0 ? trace.h0 : trace.h[t - 1];
            double[] dht = dh[t];
            for (int j = 0; j < hidden; j++) {
                dz[j] = (dht[j] + dhNext[j]) * (1.0 - h[j] * h[j]);
            }
            Kernels.axpy(1.0, dz, gb, width);
            Kernels.outerAccumulate(x[t], in, dz, gw, 0, width);
            Kernels.outerAccumulate(hPrev, hidden, dz, gw, in, width);
            java.util.Arrays.fill(dhNext, 0.0);
            for (int j = 0; j < width; j++) {
                if (dz[j] != 0.0) {
                    Kernels.axpy(dz[j], trace.transposedHidden[j], dhNext, hidden);
                }
            }
            if (dx != null) {
                double[] dxt = dx[t];
                java.util.Arrays.fill(dxt, 0, in, 0.0);
                for (int j = 0; j < width; j++) {
                    if (dz[j] != 0.0) {
                        Kernels.axpy(dz[j], trace.transposedInput[j], dxt, in);
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
        for (int j = 0; j < hidden; j++) {
            h[j] = tanh(z[j]);
        }
    }

    private static final class RnnTrace extends Trace {
        private final int hidden;

        RnnTrace(RnnLayer layer) {
            super(layer);
            hidden = layer.hidden;
        }

        @Override
        double[] cellState(int t) {
            return null;
        }

        @Override
        void ensureCapacity(int steps) {
            h = grow(h, steps, hidden);
        }
    }
}
