package io.vitalcast.forecasting;

/**
 * How the stream forecasts one signal at every step of a series: a trained LSTM from a model file, or a baseline for
 * signals without one. A model is either a {@link WindowModel}, which re-reads the last {@link #window()} values, or a
 * {@link RecurrentModel}, which carries a state from step to step; the series keeps whatever the model needs
 * between steps, so implementations are immutable and thread-safe, and one instance serves every series of its
 * signal.
 */
public sealed interface OnlineModel permits WindowModel, RecurrentModel {

    /** Identity written into every forecast record. */
    ModelInfo info();

    /** What kind of model this is. */
    ModelKind kind();

    /**
     * The identity stored with this model's recurrent state: a stored state is carried on only by the model whose
     * fingerprint it names. By default a hash of {@link #info()}, enough for a built-in model; a model from a file is
     * known by its file's checksum.
     */
    default long fingerprint() {
        return ModelFingerprint.of(info());
    }

    /** Steps of history needed before forecasting. */
    int window();

    /** Steps forecast. */
    int horizon();

    /** Values of history the series keeps for this model. */
    default int historyLength() {
        return window();
    }

    /** How this model's forecasts get their intervals. */
    IntervalEstimator intervals();

    /**
     * Whether a series may adapt this model's forecast to its patient ({@link OnlineAdaptation}); not so for a model
     * whose forecast is the reference of a rule (the sinus-rhythm reference of premature beats).
     */
    default boolean adaptsToPatient() {
        return true;
    }
}
