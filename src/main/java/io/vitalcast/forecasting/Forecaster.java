package io.vitalcast.forecasting;

import io.vitalcast.data.Window;

/**
 * Forecasts the next steps of a series from its recent history. Implementations are fitted before use and do not
 * learn while forecasting, so the same history always gives the same forecast.
 */
public interface Forecaster {

    /** A short name for reports, unique among the forecasters compared. */
    String name();

    /** The fewest history values {@link #forecast} accepts. */
    int minHistory();

    /**
     * Point forecasts of the next {@code horizon} steps.
     *
     * @param history the most recent values, oldest first, in original units; at least {@link #minHistory()}
     * @param horizon steps to forecast, at least 1
     * @return {@code horizon} forecasts, the first for the step right after the history
     */
    double[] forecast(double[] history, int horizon);

    /**
     * Point forecasts at the end of a backtest window's history. By default the forecast from that history alone; a
     * forecaster that carries state from the start of the series (see {@link StatefulLstmForecaster}) answers with
     * the forecast it made at that step of the whole series.
     */
    default double[] forecast(Window window, int horizon) {
        return forecast(window.history(), horizon);
    }

    /** Whether this is a reference method that models are compared with (skill is relative to the best one). */
    default boolean isBaseline() {
        return false;
    }
}
