package io.vitalcast.forecasting;

/**
 * What an {@link OnlineModel} is, for reports, metrics and the start-up log: the two trained kinds a model file
 * holds and the two built-in baselines a signal without one falls back to.
 */
public enum ModelKind {
    /** A trained LSTM that re-reads its window at every step ({@link WindowModel}). */
    LSTM("lstm"),
    /** A trained LSTM that carries its recurrent state from step to step ({@link RecurrentModel}). */
    STATEFUL_LSTM("lstm"),
    /** The last value for every horizon step, with intervals from the series' own residuals. */
    PERSISTENCE("baseline"),
    /** The sinus-rhythm reference of the RR interval, learned beat by beat from sinus beats only. */
    SINUS_RHYTHM("baseline");

    private final String family;

    ModelKind(String family) {
        this.family = family;
    }

    /** The {@link ModelInfo#kind()} written into forecast records: {@code lstm} or {@code baseline}. */
    public String family() {
        return family;
    }
}
