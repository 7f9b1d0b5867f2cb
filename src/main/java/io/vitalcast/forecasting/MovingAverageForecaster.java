package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * Every future step equals the mean of the last {@code k} values: persistence with the measurement noise averaged
 * out. Stateless and thread-safe.
 */
public final class MovingAverageForecaster implements Forecaster {
    private final int k;

    /** @param k values averaged, at least 1 */
    public MovingAverageForecaster(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("moving average needs k >= 1, got " + k);
        }
        this.k = k;
    }

    public int k() {
        return k;
    }

    @Override
    public String name() {
        return "moving_average_" + k;
    }

    @Override
    public int minHistory() {
        return k;
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        double sum = 0;
        for (int i = history.length - k; i < history.length; i++) {
            sum += history[i];
        }
        double[] forecast = new double[horizon];
        Arrays.fill(forecast, sum / k);
        return forecast;
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
