package io.vitalcast.streaming;

import java.util.Arrays;

import io.vitalcast.forecasting.SinusRhythm;

/**
 * The model of the beat-to-beat (RR) interval: the next sinus interval learned from sinus beats only
 * ({@link SinusRhythm}), carried from beat to beat in the series' state. Its interval half-width is the prematurity
 * threshold, so a DEVIATION below the band is a premature beat; a beat that opens one is not learned, nor is the
 * compensatory pause after it, so bigeminy or a run of ectopic beats is not taken for the patient's normal rhythm.
 */
final class SinusRhythmModel implements SeriesModel {
    /** The signal this model is the default of. */
    static final String SIGNAL = "rr_interval";
    private static final ForecastRecord.ModelInfo INFO =
        new ForecastRecord.ModelInfo("sinus-rhythm", "builtin", "baseline");
    private static final long FINGERPRINT = ModelFingerprint.of(INFO);
    private final int horizon;

    SinusRhythmModel(int horizon) {
        this.horizon = horizon;
    }

    @Override
    public ForecastRecord.ModelInfo info() {
        return INFO;
    }

    @Override
    public long fingerprint() {
        return FINGERPRINT;
    }

    @Override
    public int window() {
        return SinusRhythm.WARM_UP;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public boolean isStateful() {
        return true;
    }

    @Override
    public int historyLength() {
        return 1;
    }

    @Override
    public boolean acceptsState(double[] modelState) {
        return SinusRhythm.isState(modelState);
    }

    @Override
    public double[] advance(double[] modelState, double previous, double value) {
        SinusRhythm rhythm = modelState == null ? SinusRhythm.start() : SinusRhythm.fromArray(modelState);
        return rhythm.judge(value).next().toArray();
    }

    @Override
    public double[] forecast(double[] modelState, double[] history) {
        double[] out = new double[horizon];
        Arrays.fill(out, SinusRhythm.fromArray(modelState).expected());
        return out;
    }

    /** Not used by the processor: the rhythm is learned beat by beat, so the given history is judged from scratch. */
    @Override
    public double[] forecast(double[] history) {
        double[] state = null;
        for (double value : history) {
            state = advance(state, Double.NaN, value);
        }
        return forecast(state, history);
    }

    @Override
    public double[] halfWidths(SeriesState state) {
        double[] widths = new double[horizon];
        SinusRhythm rhythm = acceptsState(state.modelState()) ? SinusRhythm.fromArray(state.modelState()) : null;
        Arrays.fill(widths, rhythm == null || !rhythm.isWarm() ? Double.NaN : rhythm.prematurity() * rhythm.expected());
        return widths;
    }
}
