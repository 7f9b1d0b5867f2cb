package io.vitalcast.model;

/**
 * One recurrent layer: its parameters, a forward pass over a sequence that records what backpropagation needs,
 * backpropagation through time, and a single stateful step for streaming.
 *
 * <p>Weights are stored with one row per input unit: rows {@code [0, in)} read the layer's input x_t and rows
 * {@code [in, in + hidden)} read h_{t-1}; columns are the pre-activations of the cell's {@link #gates()} blocks of
 * {@code hidden} units each. The affine map is then a sum of row updates, the loop shape the JIT vectorises.
 */
abstract class RecurrentLayer {
    final int in;
    final int hidden;
    final int width;
    final Parameter weights;
    final Parameter bias;

    RecurrentLayer(String name, int in, int hidden, int gates) {
        this.in = in;
        this.hidden = hidden;
        this.width = gates * hidden;
        this.weights = new Parameter(name + ".weights", in + hidden, width);
        this.bias = new Parameter(name + ".bias", 1, width);
    }

    abstract int gates();

    /** Whether the layer has a cell state besides the hidden state. */
    abstract boolean hasCellState();

    abstract Trace newTrace();

    /**
     * Runs the layer over {@code steps} inputs of {@code batch} sequences together, sequence b from the initial
     * state (h0[b], c0[b]), recording into the trace. Rows of x and of the trace are indexed {@code t * batch + b};
     * the hidden states end up in {@code trace.h}.
     */
    abstract void forward(Trace trace, double[][] x, int batch, int steps, double[][] h0, double[][] c0);

    /**
     * Backpropagates through time from the last step down to {@code stop} (inclusive), for every sequence of the
     * last forward pass. {@code dh[t * batch + b]} holds the loss gradient with respect to h_t of sequence b from
     * above; the parameter gradients are added to {@code gw} and {@code gb}, sequence by sequence and, within a
     * sequence, from the last step down, the order of a loop over single sequences; the gradient with respect to
     * the inputs is written to {@code dx} unless it is null.
     */
    abstract void backward(Trace trace, double[][] x, int batch, int steps, double[][] dh, double[][] dx, int stop,
                           double[][] gw, double[] gb);

    /**
     * Advances (h, c) by one input in place; {@code z} and {@code scratch} have at least {@link #width} slots.
     * With a non-null {@code head}, also adds {@code sum_j h[j] head[j]} to {@code y}.
     */
    abstract void step(double[] x, double[] h, double[] c, double[] z, Activations.Scratch scratch,
                       double[][] head, double[] y);

    /** Adds the bias gradient and the weight gradients of sequence b, from the last step down to {@code stop}. */
    final void accumulateParameterGradients(Trace trace, double[][] x, int batch, int steps, int stop, int b,
                                            double[][] gw, double[] gb) {
        double[][] dz = trace.dz;
        for (int t = steps - 1; t >= stop; t--) {
            Kernels.axpy(1.0, dz[t * batch + b], gb, width);
        }
        Kernels.outerAccumulate(x, b, dz, b, batch, steps - 1, stop, in, gw, 0, width);
        int firstWithPrevious = Math.max(stop, 1);
        Kernels.outerAccumulate(trace.h, b - batch, dz, b, batch, steps - 1, firstWithPrevious, hidden, gw, in,
            width);
        if (stop == 0) {
            Kernels.outerAccumulate(trace.h0[b], hidden, dz[b], gw, in, width);
        }
    }

    /** Caches of one layer for a batch of sequences (rows {@code t * batch + b}), reused and grown on demand. */
    abstract static class Trace {
        double[][] h = new double[0][];
        double[][] h0;
        double[][] c0;
        double[][] dz = new double[0][];
        double[][] dhNext = new double[0][];
        final double[][] transposedInput;
        final double[][] transposedHidden;
        final Activations.Scratch scratch;
        private final int hidden;
        private final int width;

        Trace(RecurrentLayer layer) {
            transposedInput = new double[layer.width][layer.in];
            transposedHidden = new double[layer.width][layer.hidden];
            scratch = new Activations.Scratch(layer.width);
            hidden = layer.hidden;
            width = layer.width;
        }

        void refreshTransposes(RecurrentLayer layer) {
            double[][] w = layer.weights.values();
            Kernels.transpose(w, 0, layer.in, transposedInput);
            Kernels.transpose(w, layer.in, layer.hidden, transposedHidden);
        }

        /** Room for {@code rows} rows of per-step caches and {@code batch} sequences. */
        void ensureCapacity(int rows, int batch) {
            h = grow(h, rows, hidden);
            dz = grow(dz, rows, width);
            dhNext = grow(dhNext, batch, hidden);
        }

        /** The cell state of row {@code t * batch + b}, or null for a cell without one. */
        abstract double[] cellState(int row);

        static double[][] grow(double[][] a, int steps, int width) {
            if (a.length >= steps) {
                return a;
            }
            double[][] grown = new double[Math.max(steps, a.length * 2)][];
            System.arraycopy(a, 0, grown, 0, a.length);
            for (int t = a.length; t < grown.length; t++) {
                grown[t] = new double[width];
            }
            return grown;
        }
    }
}
