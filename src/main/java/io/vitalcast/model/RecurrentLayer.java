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
     * Runs the layer over {@code steps} inputs from the initial state (h0, c0), recording into the trace. The
     * hidden states end up in {@code trace.h}.
     */
    abstract void forward(Trace trace, double[][] x, int steps, double[] h0, double[] c0);

    /**
     * Backpropagates through time from the last step down to {@code stop} (inclusive). {@code dh[t]} holds the
     * loss gradient with respect to h_t from above; the parameter gradients are added to {@code gw} and
     * {@code gb}; the gradient with respect to the inputs is written to {@code dx} unless it is null.
     */
    abstract void backward(Trace trace, double[][] x, int steps, double[][] dh, double[][] dx, int stop,
                           double[][] gw, double[] gb);

    /** Advances (h, c) by one input in place; {@code scratch} has at least {@link #width} slots. */
    abstract void step(double[] x, double[] h, double[] c, double[] scratch);

    /** Per-sequence caches of one layer, reused across sequences and grown on demand. */
    abstract static class Trace {
        double[][] h = new double[0][];
        double[] h0;
        double[] c0;
        final double[][] transposedInput;
        final double[][] transposedHidden;
        final double[] dz;
        final double[] dhNext;

        Trace(RecurrentLayer layer) {
            transposedInput = new double[layer.width][layer.in];
            transposedHidden = new double[layer.width][layer.hidden];
            dz = new double[layer.width];
            dhNext = new double[layer.hidden];
        }

        void refreshTransposes(RecurrentLayer layer) {
            double[][] w = layer.weights.values();
            Kernels.transpose(w, 0, layer.in, transposedInput);
            Kernels.transpose(w, layer.in, layer.hidden, transposedHidden);
        }

        abstract void ensureCapacity(int steps);

        /** The cell state after step t, or null for a cell without one. */
        abstract double[] cellState(int t);

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
