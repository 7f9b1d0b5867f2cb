package io.vitalcast.forecasting;

/** A trained window LSTM forecaster from a model file, with the intervals calibrated when it was trained. */
final class LstmModel implements WindowModel {
    private final LstmForecaster forecaster;
    private final IntervalEstimator intervals;
    private final ModelInfo info;

    LstmModel(LstmForecaster forecaster) {
        this.forecaster = forecaster;
        this.intervals = IntervalEstimator.fixed(forecaster.intervals().halfWidths(), forecaster.intervals().level());
        this.info = new ModelInfo(forecaster.bundle().name(), forecaster.bundle().provenance().createdAt().toString(),
            ModelKind.LSTM.family());
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.LSTM;
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
    public IntervalEstimator intervals() {
        return intervals;
    }
}
