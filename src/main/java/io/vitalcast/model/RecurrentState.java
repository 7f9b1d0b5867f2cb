package io.vitalcast.model;

import java.util.Arrays;

/**
 * The recurrent state (h and, for the LSTM, c of every layer) carried between {@link RecurrentNetwork#step}
 * calls, so that a stream updates a forecast per reading in O(1) instead of re-running the whole window.
 *
 * <p>Mutable by design (it is advanced in place); {@link #copy()} snapshots it and {@link #toArray()} /
 * {@link RecurrentNetwork#stateFromArray(double[])} serialize it, for example into a state store. Not thread-safe.
 */
public final class RecurrentState {
    final double[][] h;
    final double[][] c;
    final double[] scratch;
    final Activations.Scratch activations;

    RecurrentState(Architecture architecture) {
        int layers = architecture.layers();
        h = new double[layers][];
        c = new double[layers][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            int hidden = architecture.hiddenSizes().get(l);
            h[l] = new double[hidden];
            c[l] = new double[architecture.cell() == CellType.LSTM ? hidden : 0];
            widest = Math.max(widest, hidden * (architecture.cell() == CellType.LSTM ? 4 : 1));
        }
        scratch = new double[widest];
        activations = new Activations.Scratch(widest);
    }

    /** Hidden state of the top layer (a copy). */
    public double[] topHidden() {
        return h[h.length - 1].clone();
    }

    /** An independent copy. */
    public RecurrentState copy() {
        return new RecurrentState(h, c);
    }

    private RecurrentState(double[][] h, double[][] c) {
        this.h = new double[h.length][];
        this.c = new double[c.length][];
        int widest = 0;
        for (int l = 0; l < h.length; l++) {
            this.h[l] = h[l].clone();
            this.c[l] = c[l].clone();
            widest = Math.max(widest, Math.max(h[l].length, c[l].length * 4));
        }
        scratch = new double[widest];
        activations = new Activations.Scratch(widest);
    }

    /** Back to the zero state, in which every window starts. */
    public void reset() {
        for (double[] row : h) {
            Arrays.fill(row, 0.0);
        }
        for (double[] row : c) {
            Arrays.fill(row, 0.0);
        }
    }

    /** All values flattened: h of each layer, then c of each layer. */
    public double[] toArray() {
        int size = 0;
        for (int l = 0; l < h.length; l++) {
            size += h[l].length + c[l].length;
        }
        double[] out = new double[size];
        int at = 0;
        for (double[] row : h) {
            System.arraycopy(row, 0, out, at, row.length);
            at += row.length;
        }
        for (double[] row : c) {
            System.arraycopy(row, 0, out, at, row.length);
            at += row.length;
        }
        return out;
    }

    void load(double[] values) {
        int at = 0;
        for (double[] row : h) {
            System.arraycopy(values, at, row, 0, row.length);
            at += row.length;
        }
        for (double[] row : c) {
            System.arraycopy(values, at, row, 0, row.length);
            at += row.length;
        }
    }

    @Override
    public String toString() {
        return "RecurrentState" + Arrays.deepToString(h);
    }
}
