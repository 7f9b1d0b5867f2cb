package io.vitalcast.model;

import java.util.List;

/**
 * Forward pass with recorded activations and backpropagation through time for one network. Gradients of the
 * shared weights are summed over all steps and over every sequence passed since the last {@link #zeroGradients()},
 * so a mini-batch is either a loop of {@link #forward} and {@link #backward} calls or one
 * {@link #forwardBatch} and {@link #backwardBatch}, which runs the batch's sequences together step by step (the
 * weights of a step are then read once for the whole batch) and sums the same gradients in the same order: both
 * give bit-for-bit the same gradients.
 *
 * <p>Allocation happens only when a longer sequence or a larger batch than any before arrives; the per-step loops
 * allocate nothing. One pass belongs to one thread.
 */
public final class TrainingPass {
    private final RecurrentNetwork network;
    private final Architecture architecture;
    private final List<RecurrentLayer> layers;
    private final RecurrentLayer.Trace[] traces;
    private final Gradients gradients;
    private double[][][] hiddenGradients;
    private double[][] outputs;
    private double[][] inputRows;
    private double[][][] initialH;
    private double[][][] initialC;
    private double[][][] batchOutputs = new double[0][][];
    private double[][] lastInputs;
    private int lastSteps;
    private int lastBatch;

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
        this.inputRows = new double[0][];
        this.initialH = new double[layers.size()][0][];
        this.initialC = new double[layers.size()][0][];
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
        ensureCapacity(steps, 1);
        for (int l = 0; l < layers.size(); l++) {
            boolean cell = layers.get(l).hasCellState();
            setInitial(initialH[l][0], initial == null ? null : initial.h[l]);
            setInitial(initialC[l][0], initial == null || !cell ? null : initial.c[l]);
        }
        run(sequence, 1, steps);
        int first = firstOutputStep(steps);
        return java.util.Arrays.copyOf(outputs, steps - first);
    }

    /**
     * Runs a batch of sequences of the same length from the zero state together, step by step, and returns for
     * each the head's outputs as {@link #forward(double[][])} would. The returned arrays are reused by the next
     * call.
     */
    public double[][][] forwardBatch(double[][][] sequences) {
        int batch = sequences.length;
        if (batch == 0) {
            throw new IllegalArgumentException("a batch needs at least one sequence");
        }
        int steps = sequences[0].length;
        if (steps == 0) {
            throw new IllegalArgumentException("a sequence needs at least one step");
        }
        for (double[][] sequence : sequences) {
            if (sequence.length != steps) {
                throw new IllegalArgumentException("the sequences of a batch must have the same length, "
                    + steps + " and " + sequence.length);
            }
        }
        ensureCapacity(steps, batch);
        for (int l = 0; l < layers.size(); l++) {
            for (int b = 0; b < batch; b++) {
                setInitial(initialH[l][b], null);
                setInitial(initialC[l][b], null);
            }
        }
        double[][] rows = inputRows;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                rows[t * batch + b] = sequences[b][t];
            }
        }
        run(rows, batch, steps);
        int count = steps - firstOutputStep(steps);
        if (batchOutputs.length != batch || batchOutputs[0].length != count) {
            batchOutputs = new double[batch][count][];
        }
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < count; r++) {
                batchOutputs[b][r] = outputs[r * batch + b];
            }
        }
        return batchOutputs;
    }

    private static void setInitial(double[] target, double[] source) {
        if (source == null) {
            java.util.Arrays.fill(target, 0.0);
        } else {
            System.arraycopy(source, 0, target, 0, target.length);
        }
    }

    private void run(double[][] rows, int batch, int steps) {
        double[][] x = rows;
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(traces[l], x, batch, steps, initialH[l], initialC[l]);
            x = traces[l].h;
        }
        double[][] top = traces[layers.size() - 1].h;
        double[] b = network.headBias().values()[0];
        double[][] w = network.headWeights().values();
        int outputsPerStep = architecture.outputSize();
        int hidden = architecture.topHiddenSize();
        int first = firstOutputStep(steps);
        for (int t = first; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                double[] y = outputs[(t - first) * batch + s];
                System.arraycopy(b, 0, y, 0, outputsPerStep);
                Kernels.affineRows(top[t * batch + s], hidden, w, 0, y, outputsPerStep);
            }
        }
        lastInputs = rows;
        lastSteps = steps;
        lastBatch = batch;
    }

    private int firstOutputStep(int steps) {
        return architecture.outputMode() == OutputMode.LAST_STEP ? steps - 1 : 0;
    }

    /** The state after the last single-sequence forward pass, for carrying into the next segment of a long one. */
    public RecurrentState finalState() {
        if (lastBatch != 1) {
            throw new IllegalStateException("the last forward pass ran a batch of " + lastBatch + " sequences");
        }
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
        if (lastBatch != 1) {
            throw new IllegalStateException("the last forward pass ran a batch; use backwardBatch");
        }
        backwardBatch(new double[][][] {outputGradients}, backwardLength);
    }

    /**
     * {@link #backward(double[][], int)} for every sequence of the last {@link #forwardBatch}: row b of
     * {@code outputGradients} belongs to sequence b.
     */
    public void backwardBatch(double[][][] outputGradients, int backwardLength) {
        int steps = lastSteps;
        int batch = lastBatch;
        if (outputGradients.length != batch) {
            throw new IllegalArgumentException("expected output gradients of " + batch + " sequences, got "
                + outputGradients.length);
        }
        int stop = backwardLength > 0 ? Math.max(0, steps - backwardLength) : 0;
        int top = layers.size() - 1;
        int hidden = architecture.topHiddenSize();
        int outputsPerStep = architecture.outputSize();
        double[][] w = network.headWeights().values();
        int headIndex = 2 * layers.size();
        double[][] gw = gradients.tensor(headIndex);
        double[] gb = gradients.tensor(headIndex + 1)[0];
        double[][] dh = hiddenGradients[top];
        for (int r = stop * batch; r < steps * batch; r++) {
            java.util.Arrays.fill(dh[r], 0, hidden, 0.0);
        }
        int first = firstOutputStep(steps);
        double[][] h = traces[top].h;
        for (int s = 0; s < batch; s++) {
            if (outputGradients[s].length != steps - first) {
                throw new IllegalArgumentException("expected " + (steps - first) + " output gradient rows, got "
                    + outputGradients[s].length);
            }
            for (int t = Math.max(first, stop); t < steps; t++) {
                int row = t * batch + s;
                double[] dy = outputGradients[s][t - first];
                Kernels.axpy(1.0, dy, gb, outputsPerStep);
                Kernels.outerAccumulate(h[row], hidden, dy, gw, 0, outputsPerStep);
                double[] dht = dh[row];
                for (int k = 0; k < hidden; k++) {
                    dht[k] = Kernels.dot(w[k], dy, outputsPerStep);
                }
            }
        }
        for (int l = top; l >= 0; l--) {
            RecurrentLayer layer = layers.get(l);
            double[][] x = l == 0 ? lastInputs : traces[l - 1].h;
            double[][] dx = l == 0 ? null : hiddenGradients[l - 1];
            layer.backward(traces[l], x, batch, steps, hiddenGradients[l], dx, stop,
                gradients.tensor(2 * l), gradients.tensor(2 * l + 1)[0]);
        }
    }

    private void ensureCapacity(int steps, int batch) {
        int rows = steps * batch;
        for (int l = 0; l < layers.size(); l++) {
            int size = layers.get(l).hidden;
            hiddenGradients[l] = RecurrentLayer.Trace.grow(hiddenGradients[l], rows, size);
            initialH[l] = RecurrentLayer.Trace.grow(initialH[l], batch, size);
            initialC[l] = RecurrentLayer.Trace.grow(initialC[l], batch, size);
        }
        outputs = RecurrentLayer.Trace.grow(outputs, rows, architecture.outputSize());
        if (inputRows.length < rows) {
            inputRows = new double[Math.max(rows, 2 * inputRows.length)][];
        }
    }
}
