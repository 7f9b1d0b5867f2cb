package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * An {@link OnlineModel} run offline, as a {@link Forecaster}: a window model forecasts from the end of the history;
 * a recurrent one is advanced over the whole history from a fresh state, as the stream advances it over a segment,
 * then forecasts. This is how {@code evaluate} scores a signal's stream baseline (the sinus-rhythm reference of the
 * RR interval) on the same windows as the other forecasters. A baseline: it is what the stream runs without a
 * trained model.
 */
public final class OnlineForecaster implements Forecaster {
    private final OnlineModel model;

    public OnlineForecaster(OnlineModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.info().name();
    }

    @Override
    public int minHistory() {
        return model.window();
    }

    @Override
    public double[] forecast(double[] history, int horizon) {
        Forecasters.checkArguments(this, history, horizon);
        if (horizon > model.horizon()) {
            throw new IllegalArgumentException(name() + " forecasts " + model.horizon() + " steps, asked for "
                + horizon);
        }
        double[] tail = Arrays.copyOfRange(history, Math.max(0, history.length - model.historyLength()),
            history.length);
        double[] forecast;
        if (model instanceof RecurrentModel recurrent) {
            double[] state = null;
            double previous = Double.NaN;
            for (double value : history) {
                state = recurrent.advance(state, previous, value);
                previous = value;
            }
            forecast = recurrent.forecast(state, tail);
        } else {
            forecast = ((WindowModel) model).forecast(tail);
        }
        return Arrays.copyOf(forecast, horizon);
    }

    @Override
    public boolean isBaseline() {
        return true;
    }
}
