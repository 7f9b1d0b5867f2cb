package io.vitalcast.forecasting;

/**
 * An {@link OnlineModel} that carries a recurrent state from step to step ({@link #advance}, then
 * {@link #forecast}): O(1) work per step, and the series keeps only {@link #historyLength()} values. It forecasts
 * once a segment of its series has {@link #window()} steps. A stored state is carried on only by the model that made
 * it ({@link #owns}); any other starts a new segment.
 */
public non-sealed interface RecurrentModel extends OnlineModel {

    /** Whether a stored state has this model's shape (a state of a network of another size does not). */
    boolean acceptsState(double[] modelState);

    /**
     * Whether a stored state, stored with the fingerprint of the model that made it, is this model's own: made by it
     * ({@link #fingerprint()}) and of its shape. A state of another model (the one a retrained model replaced, of the
     * same size or not) or of an unknown one is never carried on.
     */
    default boolean owns(double[] modelState, long storedFingerprint) {
        return storedFingerprint == fingerprint() && acceptsState(modelState);
    }

    /**
     * The model state after one more step of a segment.
     *
     * @param modelState the state after the previous step, or null at the first step of a segment
     * @param previous   the previous step's value (ignored at the first step of a segment)
     */
    double[] advance(double[] modelState, double previous, double value);

    /** Point forecasts from the state after the last step and the last {@link #historyLength()} values. */
    double[] forecast(double[] modelState, double[] history);
}
