package io.vitalcast.forecasting;

/**
 * A trained window LSTM forecaster from a model file, with the intervals calibrated when it was trained.
 *
 * @param info       identity written into forecast records
 * @param window     steps it reads
 * @param horizon    steps it forecasts
 * @param intervals  the calibrated intervals
 * @param forecaster the trained forecaster
 */
record LstmModel(ModelInfo info, int window, int horizon, IntervalEstimator intervals, LstmForecaster forecaster)
    implements WindowModel {

    static LstmModel of(LstmForecaster forecaster) {
        return new LstmModel(new ModelInfo(forecaster.bundle().name(),
            forecaster.bundle().provenance().createdAt().toString(), ModelKind.LSTM.family()), forecaster.window(),
            forecaster.horizon(), IntervalEstimator.fixed(forecaster.intervals().halfWidths(),
            forecaster.intervals().level()), forecaster);
    }

    @Override
    public ModelKind kind() {
        return ModelKind.LSTM;
    }

    @Override
    public double[] forecast(double[] history) {
        return forecaster.forecast(history, horizon);
    }
}
