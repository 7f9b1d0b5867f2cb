package io.vitalcast.forecasting;

/**
 * A stateful LSTM forecaster from a model file: per step, one LSTM step on the stored recurrent state and the
 * reference forecast from the last p values, whatever the history length. The intervals are those calibrated when
 * it was trained. Its fingerprint is given by whoever loaded it (from its model file's checksum), so that a
 * retrained model of the same size does not carry on this one's recurrent states.
 */
final class StatefulLstmModel implements RecurrentModel {
    private final StatefulLstmForecaster forecaster;
    private final IntervalEstimator intervals;
    private final ModelInfo info;
    private final int stateLength;
    private final long fingerprint;

    /** @param fingerprint the model's identity ({@link #fingerprint()}) */
    StatefulLstmModel(StatefulLstmForecaster forecaster, long fingerprint) {
        this.forecaster = forecaster;
        this.intervals = IntervalEstimator.fixed(forecaster.intervals().halfWidths(), forecaster.intervals().level());
        this.info = new ModelInfo(forecaster.bundle().name(), forecaster.bundle().provenance().createdAt().toString(),
            ModelKind.STATEFUL_LSTM.family());
        this.stateLength = forecaster.stateLength();
        this.fingerprint = fingerprint;
    }

    @Override
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.STATEFUL_LSTM;
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
    public int historyLength() {
        return forecaster.memory();
    }

    @Override
    public boolean acceptsState(double[] modelState) {
        return modelState != null && modelState.length == stateLength;
    }

    @Override
    public double[] advance(double[] modelState, double previous, double value) {
        return forecaster.advance(modelState, previous, value);
    }

    @Override
    public double[] forecast(double[] modelState, double[] history) {
        return forecaster.forecast(modelState, history);
    }

    @Override
    public IntervalEstimator intervals() {
        return intervals;
    }
}
