package io.vitalcast.forecasting;

import io.vitalcast.errors.UserException;

/**
 * The shape of an LSTM forecaster: history window, horizon and network size, as {@code train}'s options give it, so
 * that a value out of range is a {@link UserException}.
 *
 * @param window  steps of history per forecast
 * @param horizon steps forecast at once
 * @param hidden  hidden units per LSTM layer
 * @param layers  stacked LSTM layers
 * @param arBase  order p of the AR base the network corrects, 0 to predict changes from the last value
 */
public record LstmForecasterSettings(int window, int horizon, int hidden, int layers, int arBase) {

    public LstmForecasterSettings {
        if (arBase < 0 || arBase > window) {
            throw new UserException("the AR base order must be in [0, window], was " + arBase);
        }
        if (window < 2 || horizon < 1 || hidden < 1 || layers < 1) {
            throw new UserException("window must be >= 2 and horizon, hidden and layers >= 1; were window="
                + window + ", horizon=" + horizon + ", hidden=" + hidden + ", layers=" + layers);
        }
    }
}
