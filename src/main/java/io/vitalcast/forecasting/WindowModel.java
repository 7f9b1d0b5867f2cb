package io.vitalcast.forecasting;

/** An {@link OnlineModel} that forecasts from the last {@link #window()} values of its series alone. */
public non-sealed interface WindowModel extends OnlineModel {

    /** Point forecasts of the next {@link #horizon()} steps from the last {@link #window()} values. */
    double[] forecast(double[] history);
}
