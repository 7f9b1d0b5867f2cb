package io.vitalcast.model;

import java.util.List;

/**
 * The shape of a {@link RecurrentNetwork}: cell type, input features per step, the hidden size of each stacked
 * layer (bottom first), the number of outputs of the dense head (one per forecast step for a multi-step horizon)
 * and which steps the head reads.
 *
 * @param cell        the recurrent cell of every layer
 * @param inputSize   features per time step (1 for a univariate signal)
 * @param hiddenSizes hidden units of each layer, bottom layer first; at least one layer
 * @param outputSize  outputs of the dense head
 * @param outputMode  many-to-one or many-to-many
 */
public record Architecture(CellType cell, int inputSize, List<Integer> hiddenSizes, int outputSize,
                           OutputMode outputMode) {

    public Architecture {
        if (cell == null || outputMode == null) {
            throw new IllegalArgumentException("cell and outputMode are required");
        }
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be at least 1, was " + inputSize);
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException("outputSize must be at least 1, was " + outputSize);
        }
        if (hiddenSizes == null || hiddenSizes.isEmpty()) {
            throw new IllegalArgumentException("at least one hidden layer is required");
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        for (int size : hiddenSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("hidden sizes must be at least 1, were " + hiddenSizes);
            }
        }
    }

    /** A many-to-one LSTM with {@code layers} layers of {@code hidden} units each. */
    public static Architecture lstm(int inputSize, int hidden, int layers, int outputSize) {
        return new Architecture(CellType.LSTM, inputSize, repeat(hidden, layers), outputSize, OutputMode.LAST_STEP);
    }

    /** A many-to-one plain RNN with {@code layers} layers of {@code hidden} units each. */
    public static Architecture rnn(int inputSize, int hidden, int layers, int outputSize) {
        return new Architecture(CellType.RNN, inputSize, repeat(hidden, layers), outputSize, OutputMode.LAST_STEP);
    }

    /** The same architecture with another output mode. */
    public Architecture withOutputMode(OutputMode mode) {
        return new Architecture(cell, inputSize, hiddenSizes, outputSize, mode);
    }

    /** Number of stacked recurrent layers. */
    public int layers() {
        return hiddenSizes.size();
    }

    /** Hidden size of the top layer, which feeds the head. */
    public int topHiddenSize() {
        return hiddenSizes.get(hiddenSizes.size() - 1);
    }

    /** Input size of layer {@code layer}: the features for the bottom layer, the hidden size below otherwise. */
    public int layerInputSize(int layer) {
        return layer == 0 ? inputSize : hiddenSizes.get(layer - 1);
    }

    private static List<Integer> repeat(int hidden, int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be at least 1, was " + layers);
        }
        Integer[] sizes = new Integer[layers];
        java.util.Arrays.fill(sizes, hidden);
        return List.of(sizes);
    }
}
