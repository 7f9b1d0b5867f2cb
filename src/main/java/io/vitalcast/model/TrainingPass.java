package io.vitalcast.model;

import java.util.List;

/**
 * Forward pass with recorded activations and backpropagation through time for one network. Gradients of the
 * shared weights are summed over all steps and over every sequence passed since the last {@link #zeroGradients()},
 * so a mini-batch is a loop of {@link #forward} and {@link #backward} calls.
 *
 * <p>Allocation happens only when a longer sequence than any before arrives; the per-step loops allocate nothing.
 * One pass belongs to one thread.
 */
public final class TrainingPass {
    private final RecurrentNetwork network;
    private final Architecture architecture;
    private final List<RecurrentLayer> layers;
    private final RecurrentLayer.Trace[] traces;
    private final Gradients gradients;
    private double[][][] hiddenGradients;
    private double[][] outputs;
    private double[][] lastInputs;
    private int lastSteps;

    TrainingPass(RecurrentNetwork network) {
        this.network = network;
        this.architecture = network.architecture();
        this.layers = network.layers();
        this.traces = new RecurrentLayer.Trace[layers.size()];
        for (int l = 0; l < traces.length; l++) {
            traces[l] = layers.get(l).newTrace();
        }
        this.gradients = new Gradients(network.parameters());
        this.hiddenGradients = new double[layers.size()][0][];
        this.outputs = new double[0][];
    }

    /** The network this pass trains. */
    public RecurrentNetwork network() {
        return network;
    }

    /** The accumulated gradients. */
    public Gradients gradients() {
        return gradients;
    }

    public void zeroGradients() {
        gradients.zero();
    }

    /** Forward pass from the zero state; see {@link #forward(double[][], RecurrentState)}. */
    public double[][] forward(double[][] sequence) {
        return forward(sequence, null);
    }

    /**
     * Runs the sequence (rows = steps) from the given state, or the zero state when null, and returns the head's
     * outputs: one row (the last step) for many-to-one, one row per step for many-to-many. The returned rows are
     * reused by the next call.
     */
    public double[][] forward(double[][] sequence, RecurrentState initial) {
        int steps = sequence.length;
        if (steps == 0) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
        ensureCapacity(steps);
        double[][] x = sequence;
        for (int l = 0; l < layers.size(); l++) {
            RecurrentLayer layer = layers.get(l);
            double[] h0 = initial == null ? new double[layer.hidden] : initial.h[l].clone();
            double[] c0 = initial == null || !layer.hasCellState() ? new double[layer.hidden] : initial.c[l].clone();
            layer.forward(traces[l], x, steps, h0, c0);
            x = traces[l].h;
        }
        double[][] top = traces[layers.size() - 1].h;
        double[] b = network.headBias().values()[0];
        double[][] w = network.headWeights().values();
        int outputsPerStep = architecture.outputSize();
        int hidden = architecture.topHiddenSize();
        int first = architecture.outputMode() == OutputMode.LAST_STEP ? steps - 1 : 0;
        for (int t = first; t < steps; t++) {
            double[] y = outputs[t - first];
            System.arraycopy(b, 0, y, 0, outputsPerStep);
            Kernels.affineRows(top[t], hidden, w, 0, y, outputsPerStep);
        }
        lastInputs = sequence;
        lastSteps = steps;
        return java.util.Arrays.copyOf(outputs, steps - first);
    }

    /** The state after the last forward pass, for carrying into the next segment of a long sequence. */
    public RecurrentState finalState() {
        RecurrentState state = network.newState();
        for (int l = 0; l < layers.size(); l++) {
            System.arraycopy(traces[l].h[lastSteps - 1], 0, state.h[l], 0, state.h[l].length);
            double[] c = traces[l].cellState(lastSteps - 1);
            if (c != null) {
                System.arraycopy(c, 0, state.c[l], 0, state.c[l].length);
            }
        }
        return state;
    }

    /** Full backpropagation through time; see {@link #backward(double[][], int)}. */
    public void backward(double[][] outputGradients) {
        backward(outputGradients, 0);
    }

    /**
     * Backpropagates the loss gradient with respect to the outputs of the last forward pass (same shape as they
     * were) and adds the parameter gradients to {@link #gradients()}. With {@code backwardLength > 0} the
     * recurrence is truncated: gradients flow through at most the last {@code backwardLength} steps.
     */
    public void backward(double[][] outputGradients, int backwardLength) {
        int steps = lastSteps;
        int stop = backwardLength > 0 ? Math.max(0, steps - backwardLength) : 0;
        int top = layers.size() - 1;
        int hidden = architecture.topHiddenSize();
        int outputsPerStep = architecture.outputSize();
        double[][] w = network.headWeights().values();
        int headIndex = 2 * layers.size();
        double[][] gw = gradients.tensor(headIndex);
        double[] gb = gradients.tensor(headIndex + 1)[0];
        double[][] dh = hiddenGradients[top];
        for (int t = stop; t < steps; t++) {
            java.util.Arrays.fill(dh[t], 0, hidden, 0.0);
        }
        int first = architecture.outputMode() == OutputMode.LAST_STEP ? steps - 1 : 0;
        if (outputGradients.length != steps - first) {
            throw new IllegalArgumentException("expected " + (steps - first) + " output gradient rows, got "
                + outputGradients.length);
        }
        double[][] h = traces[top].h;
        for (int t = Math.max(first, stop); t < steps; t++) {
            double[] dy = outputGradients[t - first];
            Kernels.axpy(1.0, dy, gb, outputsPerStep);
            Kernels.outerAccumulate(h[t], hidden, dy, gw, 0, outputsPerStep);
            double[] dht = dh[t];
            for (int k = 0; k < hidden; k++) {
                dht[k] = Kernels.dot(w[k], dy, outputsPerStep);
            }
        }
        for (int l = top; l >= 0; l--) {
            RecurrentLayer layer = layers.get(l);
            double[][] x = l == 0 ? lastInputs : traces[l - 1].h;
            double[][] dx = l == 0 ? null : hiddenGradients[l - 1];
            layer.backward(traces[l], x, steps, hiddenGradients[l], dx, stop,
                gradients.tensor(2 * l), gradients.tensor(2 * l + 1)[0]);
        }
    }

    private void ensureCapacity(int steps) {
        for (int l = 0; l < layers.size(); l++) {
            hiddenGradients[l] = RecurrentLayer.Trace.grow(hiddenGradients[l], steps, layers.get(l).hidden);
        }
        outputs = RecurrentLayer.Trace.grow(outputs, steps, architecture.outputSize());
    }
}
