package io.vitalcast.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A stacked recurrent regressor: one or more LSTM (or plain RNN) layers and a dense output head that maps the last
 * hidden state (many-to-one) or every hidden state (many-to-many) to the outputs.
 *
 * <p>Inference runs the window step by step through {@link #step}, so {@link #predict(double[][])} and a stream
 * that advances a {@link RecurrentState} per reading compute exactly the same numbers. Training goes through a
 * {@link TrainingPass}, which records the activations that backpropagation through time needs.
 *
 * <p>Thread-safety: inference methods only read parameters and may run concurrently with each other, not with a
 * training update.
 */
public final class RecurrentNetwork {
    private final Architecture architecture;
    private final List<RecurrentLayer> layers;
    private final Parameter headWeights;
    private final Parameter headBias;
    private final List<Parameter> parameters;

    private RecurrentNetwork(Architecture architecture) {
        this.architecture = architecture;
        List<RecurrentLayer> built = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        for (int l = 0; l < architecture.layers(); l++) {
            int in = architecture.layerInputSize(l);
            int hidden = architecture.hiddenSizes().get(l);
            RecurrentLayer layer = architecture.cell() == CellType.LSTM
                ? new LstmLayer("layer" + l, in, hidden)
                : new RnnLayer("layer" + l, in, hidden);
            built.add(layer);
            all.add(layer.weights);
            all.add(layer.bias);
        }
        this.layers = List.copyOf(built);
        this.headWeights = new Parameter("head.weights", architecture.topHiddenSize(), architecture.outputSize());
        this.headBias = new Parameter("head.bias", 1, architecture.outputSize());
        all.add(headWeights);
        all.add(headBias);
        this.parameters = Collections.unmodifiableList(all);
    }

    /** A new network with weights drawn by {@code init} from a generator seeded with {@code seed}. */
    public static RecurrentNetwork create(Architecture architecture, Initialization init, long seed) {
        RecurrentNetwork network = new RecurrentNetwork(architecture);
        RandomGenerator random = new Well19937c(seed);
        for (RecurrentLayer layer : network.layers) {
            double sigma = init.sigmaFor(layer.in + layer.hidden, layer.hidden);
            fillGaussian(layer.weights.values(), sigma, random);
            if (layer instanceof LstmLayer) {
                double[] b = layer.bias.values()[0];
                java.util.Arrays.fill(b, LstmLayer.FORGET * layer.hidden, (LstmLayer.FORGET + 1) * layer.hidden,
                    init.forgetBias());
            }
        }
        fillGaussian(network.headWeights.values(),
            init.sigmaFor(architecture.topHiddenSize(), architecture.outputSize()), random);
        return network;
    }

    /**
     * A network of the given architecture holding the given parameter values (in the order of
     * {@link #parameters()}); shapes are checked.
     */
    public static RecurrentNetwork of(Architecture architecture, List<double[][]> values) {
        RecurrentNetwork network = new RecurrentNetwork(architecture);
        network.setParameterValues(values);
        return network;
    }

    private static void fillGaussian(double[][] values, double sigma, RandomGenerator random) {
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                row[j] = sigma * random.nextGaussian();
            }
        }
    }

    public Architecture architecture() {
        return architecture;
    }

    /** Every parameter tensor: per layer its weights and bias, then the head's weights and bias. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Total number of scalar parameters. */
    public int parameterCount() {
        int count = 0;
        for (Parameter p : parameters) {
            count += p.size();
        }
        return count;
    }

    /** Deep copies of every parameter tensor, in order. */
    public List<double[][]> parameterValues() {
        List<double[][]> copies = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            double[][] v = p.values();
            double[][] copy = new double[v.length][];
            for (int r = 0; r < v.length; r++) {
                copy[r] = v[r].clone();
            }
            copies.add(copy);
        }
        return copies;
    }

    /** Overwrites every parameter with the given values (in the order of {@link #parameters()}). */
    public void setParameterValues(List<double[][]> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " parameter tensors, got "
                + values.size());
        }
        for (int p = 0; p < values.size(); p++) {
            parameters.get(p).copyFrom(values.get(p));
        }
    }

    /** An independent copy with the same parameter values. */
    public RecurrentNetwork copy() {
        return of(architecture, parameterValues());
    }

    /** A zero state, the state in which every window starts. */
    public RecurrentState newState() {
        return new RecurrentState(architecture);
    }

    /** Restores a state serialized by {@link RecurrentState#toArray()}. */
    public RecurrentState stateFromArray(double[] values) {
        RecurrentState state = newState();
        int expected = state.toArray().length;
        if (values.length != expected) {
            throw new IllegalArgumentException("state of this network has " + expected + " values, got "
                + values.length);
        }
        state.load(values);
        return state;
    }

    /**
     * Advances the state by one input step and returns the head's outputs for that step. O(hidden^2) work,
     * independent of any window length.
     */
    public double[] step(RecurrentState state, double[] input) {
        return step(state, input, new double[architecture.outputSize()]);
    }

    /**
     * {@link #step(RecurrentState, double[])} writing the outputs into {@code output} (at least
     * {@link Architecture#outputSize()} long) and returning it: a stream that keeps its output array allocates
     * nothing per step. The head is computed as the top layer's h is.
     */
    public double[] step(RecurrentState state, double[] input, double[] output) {
        checkInput(input, -1);
        advance(state, input, output);
        return output;
    }

    /**
     * Advances the state by one input step without computing the head, for a stream that forecasts only some
     * steps; {@link #output} reads the head afterwards. Same arithmetic as {@link #step}.
     */
    public void advanceState(RecurrentState state, double[] input) {
        checkInput(input, -1);
        advance(state, input, null);
    }

    /** The head's outputs for the top hidden state of {@code state}, as {@link #step} returned them. */
    public double[] output(RecurrentState state) {
        double[] h = state.h[layers.size() - 1];
        double[] y = headBias.values()[0].clone();
        Kernels.affineRows(h, h.length, headWeights.values(), 0, y, y.length);
        return y;
    }

    private void checkInput(double[] input, int step) {
        if (input.length != architecture.inputSize()) {
            throw new IllegalArgumentException("expected " + architecture.inputSize() + " input features"
                + (step < 0 ? "" : " at step " + step) + ", got " + input.length);
        }
    }

    /** Advances every layer; with a non-null {@code y}, the head's outputs go there. */
    private void advance(RecurrentState state, double[] input, double[] y) {
        double[] x = input;
        int top = layers.size() - 1;
        for (int l = 0; l <= top; l++) {
            double[][] head = null;
            if (l == top && y != null) {
                System.arraycopy(headBias.values()[0], 0, y, 0, architecture.outputSize());
                head = headWeights.values();
            }
            layers.get(l).step(x, state.h[l], state.c[l], state.scratch, state.activations, head, y);
            x = state.h[l];
        }
    }

    /** Runs a window (rows = steps, columns = features) from the zero state; returns the last step's outputs. */
    public double[] predict(double[][] window) {
        return predict(window, newState(), new double[architecture.outputSize()]);
    }

    /**
     * {@link #predict(double[][])} with caller-owned storage: {@code work} is reset to the zero state and ends in
     * the state after the window, the outputs go into {@code output}, which is returned. Allocates nothing.
     */
    public double[] predict(double[][] window, RecurrentState work, double[] output) {
        work.reset();
        int last = window.length - 1;
        for (int t = 0; t < last; t++) {
            checkInput(window[t], t);
            advance(work, window[t], null);
        }
        checkInput(window[last], last);
        advance(work, window[last], output);
        return output;
    }

    /** {@link #predict(double[][])} on a Commons Math matrix (rows = steps). */
    public double[] predict(RealMatrix window) {
        return predict(window.getData());
    }

    /** Predicts a batch of windows; row i of the result is the output of window i. */
    public double[][] predict(double[][][] windows) {
        double[][] out = new double[windows.length][];
        for (int i = 0; i < windows.length; i++) {
            out[i] = predict(windows[i]);
        }
        return out;
    }

    /** Outputs of every step of a window run from the zero state (rows = steps). */
    public double[][] predictEveryStep(double[][] window) {
        RecurrentState state = newState();
        double[][] out = new double[window.length][];
        for (int t = 0; t < window.length; t++) {
            out[t] = step(state, window[t]);
        }
        return out;
    }

    /** A new training pass with its own caches and gradient buffers. */
    public TrainingPass newTrainingPass() {
        return new TrainingPass(this);
    }

    List<RecurrentLayer> layers() {
        return layers;
    }

    Parameter headWeights() {
        return headWeights;
    }

    Parameter headBias() {
        return headBias;
    }
}
