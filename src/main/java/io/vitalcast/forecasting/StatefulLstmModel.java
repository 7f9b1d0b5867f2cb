package io.vitalcast.forecasting;

/**
 * A stateful LSTM forecaster from a model file: per step, one LSTM step on the stored recurrent state and the
 * reference forecast from the last p values, whatever the history length. The intervals are those calibrated when
 * it was trained. Its fingerprint is given by whoever loaded it (from its model file's checksum), so that a
 * retrained model of the same size does not carry on this one's recurrent states.
 *
 * @param info          identity written into forecast records
 * @param fingerprint   the model's identity, from its file's checksum
 * @param window        steps of a segment before it forecasts
 * @param horizon       steps it forecasts
 * @param historyLength values of history it reads besides its state
 * @param intervals     the calibrated intervals
 * @param forecaster    the trained forecaster
 */
record StatefulLstmModel(ModelInfo info, long fingerprint, int window, int horizon, int historyLength,
                         IntervalEstimator intervals, StatefulLstmForecaster forecaster) implements RecurrentModel {

    static StatefulLstmModel of(StatefulLstmForecaster forecaster, long fingerprint) {
        return new StatefulLstmModel(new ModelInfo(forecaster.bundle().name(),
            forecaster.bundle().provenance().createdAt().toString(), ModelKind.STATEFUL_LSTM.family()), fingerprint,
            forecaster.window(), forecaster.horizon(), forecaster.memory(),
            IntervalEstimator.fixed(forecaster.intervals().halfWidths(), forecaster.intervals().level()), forecaster);
    }

    @Override
    public ModelKind kind() {
        return ModelKind.STATEFUL_LSTM;
    }

    @Override
    public boolean acceptsState(double[] modelState) {
        return modelState != null && modelState.length == forecaster.stateLength();
    }

    @Override
    public double[] advance(double[] modelState, double previous, double value) {
        return forecaster.advance(modelState, previous, value);
    }

    @Override
    public double[] forecast(double[] modelState, double[] history) {
        return forecaster.forecast(modelState, history);
    }
}
