package io.vitalcast.model;

/**
 * The recurrent cell used by every layer of a {@link RecurrentNetwork}.
 *
 * <p>{@link #LSTM} is the product's cell; {@link #RNN} (the plain Elman cell) is kept, trained by the same code
 * path, so that the vanishing-gradient problem the LSTM solves can be demonstrated and measured.
 */
public enum CellType {
    /**
     * Long short-term memory (Hochreiter and Schmidhuber 1997) with forget gate: f, i, o gates, candidate g,
     * cell state c and hidden state h = o * tanh(c).
     */
    LSTM,
    /** Plain recurrent cell: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b). */
    RNN
}
