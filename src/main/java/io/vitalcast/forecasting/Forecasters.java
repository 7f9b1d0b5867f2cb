package io.vitalcast.forecasting;

/** Argument checks shared by the forecasters. */
final class Forecasters {
    private Forecasters() {
    }

    static void checkArguments(Forecaster forecaster, double[] history, int horizon) {
        if (history.length < forecaster.minHistory()) {
            throw new IllegalArgumentException(forecaster.name() + " needs at least " + forecaster.minHistory()
                + " history values, got " + history.length);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
    }
}
