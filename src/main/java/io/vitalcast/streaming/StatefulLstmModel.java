package io.vitalcast.streaming;

import java.util.Arrays;

import io.vitalcast.forecasting.StatefulLstmForecaster;

/**
 * A stateful LSTM forecaster from a model file: per step, one LSTM step on the stored recurrent state and the
 * reference forecast from the last p values, whatever the history length. The intervals are those calibrated when
 * it was trained. Its fingerprint is given by whoever loaded it (from its model file's checksum), so that a
 * retrained model of the same size does not carry on this one's recurrent states.
 */
final class StatefulLstmModel implements SeriesModel {
    private final StatefulLstmForecaster forecaster;
    private final double[] halfWidths;
    private final ForecastRecord.ModelInfo info;
    private final int stateLength;
    private final long fingerprint;

    /** @param fingerprint the model's identity ({@link #fingerprint()}) */
    StatefulLstmModel(StatefulLstmForecaster forecaster, long fingerprint) {
        this.forecaster = forecaster;
        this.halfWidths = forecaster.intervals().halfWidths();
        this.info = new ForecastRecord.ModelInfo(forecaster.bundle().name(),
            forecaster.bundle().provenance().createdAt().toString(), "lstm");
        this.stateLength = forecaster.stateLength();
        this.fingerprint = fingerprint;
    }

    @Override
    public long fingerprint() {
        return fingerprint;
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
    public boolean isStateful() {
        return true;
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

    /** Not used by the processor for a stateful model; the whole given history is taken as one segment. */
    @Override
    public double[] forecast(double[] history) {
        return forecaster.forecast(history, forecaster.horizon());
    }

    @Override
    public double[] halfWidths(SeriesState state) {
        return Arrays.copyOf(halfWidths, halfWidths.length);
    }
}
