package io.vitalcast.streaming;

import java.util.Arrays;

import io.vitalcast.forecasting.LstmForecaster;

/** A trained LSTM forecaster from a model file, with the intervals calibrated when it was trained. */
final class LstmModel implements SeriesModel {
    private final LstmForecaster forecaster;
    private final double[] halfWidths;
    private final ForecastRecord.ModelInfo info;

    LstmModel(LstmForecaster forecaster) {
        this.forecaster = forecaster;
        this.halfWidths = forecaster.intervals().halfWidths();
        this.info = new ForecastRecord.ModelInfo(forecaster.bundle().name(),
            forecaster.bundle().provenance().createdAt().toString(), "lstm");
    }

    @Override
    public ForecastRecord.ModelInfo info() {
        return info;
    }

    @Override
    public int window() {
        return forecaster.window();
    }

    @Override
    public int horizon() {
        return forecaster.horizon();
    }

    @Override
    public double[] forecast(double[] history) {
        return forecaster.forecast(history, forecaster.horizon());
    }

    @Override
    public double intervalLevel() {
        return forecaster.intervals().level();
    }

    @Override
    public double[] halfWidths(SeriesState state) {
        return Arrays.copyOf(halfWidths, halfWidths.length);
    }
}
