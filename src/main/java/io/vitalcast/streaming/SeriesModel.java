package io.vitalcast.streaming;

/**
 * How the streaming processor forecasts one signal: a trained LSTM from a model file, or a baseline for signals
 * without one. Implementations are immutable and thread-safe.
 */
public interface SeriesModel {

    /** Identity written into every forecast record. */
    ForecastRecord.ModelInfo info();

    /**
     * The identity stored with this model's recurrent state ({@link SeriesState#modelFingerprint()}): a stored state
     * is carried on only by the model whose fingerprint it names. By default a hash of {@link #info()}, enough for a
     * built-in model (computed at every call: a stateful model, asked at every step, keeps its own); a model from a
     * file is known by its file's checksum.
     */
    default long fingerprint() {
        return ModelFingerprint.of(info());
    }

    /** Steps of history needed before forecasting. */
    int window();

    /** Steps forecast. */
    int horizon();

    /** Point forecasts of the next {@link #horizon()} steps from the last {@link #window()} values. */
    double[] forecast(double[] history);

    /** Interval half-widths per horizon step; NaN where not yet calibrated. */
    double[] halfWidths(SeriesState state);

    /** Two-sided coverage level of the intervals, to read them as probabilities (PREDICTED_LIMIT). */
    default double intervalLevel() {
        return 0.9;
    }

    /**
     * Whether the model carries a recurrent state from step to step ({@link #advance}, then
     * {@link #forecast(double[], double[])}) instead of reading its window: O(1) work per step, and the processor
     * keeps only {@link #historyLength()} values. Such a model forecasts once a segment has {@link #window()} steps.
     */
    default boolean isStateful() {
        return false;
    }

    /** Values of history the processor keeps for this model. */
    default int historyLength() {
        return window();
    }

    /**
     * Whether a stored model state has this model's shape (a state of a network of another size does not); whether
     * it is this model's own is told by the fingerprint stored with it ({@link SeriesState#modelStateOf}).
     */
    default boolean acceptsState(double[] modelState) {
        return false;
    }

    /**
     * The model state after one more step of a segment (stateful models only).
     *
     * @param modelState the state after the previous step, or null at the first step of a segment
     * @param previous   the previous step's value (ignored at the first step of a segment)
     */
    default double[] advance(double[] modelState, double previous, double value) {
        throw new UnsupportedOperationException(info().name() + " is not a stateful model");
    }

    /** Point forecasts from the state after the last step and the last {@link #historyLength()} values. */
    default double[] forecast(double[] modelState, double[] history) {
        throw new UnsupportedOperationException(info().name() + " is not a stateful model");
    }
}
