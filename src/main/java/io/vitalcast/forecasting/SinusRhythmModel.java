package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * The model of the beat-to-beat (RR) interval: the next sinus interval learned from sinus beats only
 * ({@link SinusRhythm}), carried from beat to beat in the series' state. Its interval half-width is the prematurity
 * threshold, so a DEVIATION below the band is a premature beat; a beat that opens one is not learned, nor is the
 * compensatory pause after it, so bigeminy or a run of ectopic beats is not taken for the patient's normal rhythm.
 *
 * @param horizon steps it forecasts
 */
record SinusRhythmModel(int horizon) implements RecurrentModel, IntervalEstimator {
    private static final ModelInfo INFO = new ModelInfo("sinus-rhythm", "builtin", ModelKind.SINUS_RHYTHM.family());
    private static final long FINGERPRINT = ModelFingerprint.of(INFO);

    @Override
    public ModelInfo info() {
        return INFO;
    }

    @Override
    public ModelKind kind() {
        return ModelKind.SINUS_RHYTHM;
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

    @Override
    public IntervalEstimator intervals() {
        return this;
    }

    @Override
    public double level() {
        return 0.9;
    }

    /** Its forecast is the premature-beat rule's reference, learned from sinus beats: not to be biased. */
    @Override
    public boolean adaptsToPatient() {
        return false;
    }

    /** The band is the premature-beat rule itself, not a prediction interval: it is not widened by misses. */
    @Override
    public boolean calibratesOnline() {
        return false;
    }

    /** The prematurity threshold of the learned rhythm, once it is warm, at every horizon step. */
    @Override
    public double[] halfWidths(double[] modelState, double residualMae, long residualCount) {
        double[] widths = new double[horizon];
        SinusRhythm rhythm = SinusRhythm.isState(modelState) ? SinusRhythm.fromArray(modelState) : null;
        Arrays.fill(widths, rhythm == null || !rhythm.isWarm() ? Double.NaN : rhythm.prematurity() * rhythm.expected());
        return widths;
    }
}
