package io.vitalcast.streaming;

/**
 * How the streaming processor forecasts one signal: a trained LSTM from a model file, or a baseline for signals
 * without one. Implementations are immutable and thread-safe.
 */
public interface SeriesModel {

    /** Identity written into every forecast record. */
    ForecastRecord.ModelInfo info();

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
}
