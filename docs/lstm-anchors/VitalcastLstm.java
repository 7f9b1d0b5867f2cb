package bench.lstm;

import java.util.List;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.Parameter;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.model.RecurrentState;
import io.vitalcast.model.TrainingPass;
import io.vitalcast.training.AdamOptimizer;
import io.vitalcast.training.GradientClipping;
import io.vitalcast.training.MeanSquaredError;

/**
 * Vitalcast's LSTM (io.vitalcast.model) behind the anchor harness's contract, through its public API only:
 * RecurrentNetwork + TrainingPass + MeanSquaredError + GradientClipping.byNorm(1) + Adam defaults at lr 1e-3.
 * This version trains the batch together (TrainingPass.forwardBatch/backwardBatch) and runs inference and the
 * stateful step into caller-owned storage (predict(window, state, out), step(state, x, out)), without allocation.
 * Build: see ../build-vitalcast.sh. Parameter layout (from LstmLayer): weights rows = [x (I) | h (H)], columns = gate
 * blocks [f | i | g | o] of H each; bias one row of 4H; head.weights H x 1; head.bias 1 x 1.
 */
public final class VitalcastLstm implements LstmCandidate {
    private RecurrentNetwork net;
    private TrainingPass pass;
    private AdamOptimizer adam;
    private final GradientClipping clip = GradientClipping.byNorm(1.0);
    private final MeanSquaredError loss = new MeanSquaredError();
    private double[][][] xs;
    private double[][][] ys;
    private double[][] win;
    private double[][][] grads;
    private double[] out = new double[1];
    private RecurrentState work;
    private RecurrentState state;
    private double[] stepIn;
    private int H, I, T, B;

    @Override public String name() { return "vitalcast"; }
    @Override public String precision() { return "f64"; }

    @Override
    public void build(int hidden, int inputSize, int window, int batch, long seed) {
        H = hidden; I = inputSize; T = window; B = batch;
        net = RecurrentNetwork.create(Architecture.lstm(inputSize, hidden, 1, 1), Initialization.defaults(), seed);
        pass = net.newTrainingPass();
        adam = AdamOptimizer.defaults();
        xs = new double[B][T][I];
        ys = new double[B][1][1];
        win = new double[T][I];
        stepIn = new double[I];
        state = net.newState();
        work = net.newState();
        grads = new double[B][1][1];
    }

    @Override
    public void loadBatch(double[] x, double[] y) {
        for (int b = 0; b < B; b++) {
            for (int t = 0; t < T; t++) {
                for (int i = 0; i < I; i++) xs[b][t][i] = x[(b * T + t) * I + i];
            }
            ys[b][0][0] = y[b];
        }
    }

    @Override
    public double trainStep() {
        pass.zeroGradients();
        double total = 0;
        double[][][] outs = pass.forwardBatch(xs);
        for (int b = 0; b < B; b++) {
            total += loss.valueAndGradient(outs[b], ys[b], 1.0 / B, grads[b]);
        }
        pass.backwardBatch(grads, 0);
        clip.apply(pass.gradients());
        adam.step(net.parameters(), pass.gradients(), 1e-3);
        return total;
    }

    @Override
    public void loadWindow(double[] x) {
        for (int t = 0; t < T; t++) for (int i = 0; i < I; i++) win[t][i] = x[t * I + i];
    }

    @Override public double predict() { return net.predict(win, work, out)[0]; }

    @Override public boolean supportsStep() { return true; }

    @Override public void resetState() { state.reset(); }

    @Override
    public double step(double[] xt) {
        System.arraycopy(xt, 0, stepIn, 0, I);
        return net.step(state, stepIn, out)[0];
    }

    @Override
    public boolean setCanonicalWeights(double[] W, double[] b, double[] Wy, double by) {
        List<Parameter> ps = net.parameters();
        double[][] w = ps.get(0).values();
        double[] bias = ps.get(1).values()[0];
        double[][] hw = ps.get(2).values();
        double[][] hb = ps.get(3).values();
        int K = H + I;
        for (int r = 0; r < 4 * H; r++) {        // canonical row r = gate*H + j; columns [h (H) | x (I)]
            for (int k = 0; k < H; k++) w[I + k][r] = W[r * K + k];
            for (int m = 0; m < I; m++) w[m][r] = W[r * K + H + m];
            bias[r] = b[r];
        }
        for (int k = 0; k < H; k++) hw[k][0] = Wy[k];
        hb[0][0] = by;
        return true;
    }
}
