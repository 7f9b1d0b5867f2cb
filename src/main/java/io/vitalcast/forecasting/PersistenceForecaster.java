package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * The naive forecast: every future step equals the last value. Vital signs change slowly, so this is hard to beat at
 * short horizons; it is the first baseline a model must beat. Stateless and thread-safe.
 */
public final class PersistenceForecaster implements Forecaster {

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public int minHistory() {
        return 1;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        double[] forecast = new double[horizon];
        Arrays.fill(forecast, history[history.length - 1]);
        return forecast;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
