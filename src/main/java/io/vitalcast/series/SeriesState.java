package io.vitalcast.series;

import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.forecasting.ModelFingerprint;

/**
 * What the forecasting processor keeps per patient and signal in its persistent, changelogged store.
 *
 * @param history          the last observed (or gap-filled) step values, oldest first, at most the model window
 * @param lastStepMs       time of the last step, or -1 before the first
 * @param pendingForecast  the forecast made at the last step (for the next steps), or null
 * @param pendingHalfWidth interval half-widths of that forecast (NaN while uncalibrated), or null
 * @param residualMae      running mean absolute one-step residual (for baselines' online intervals)
 * @param residualCount    residuals seen
 * @param deviation        DEVIATION alert state
 * @param limit            LIMIT alert state
 * @param predicted        PREDICTED_LIMIT alert state
 * @param recentForecasts  the forecasts made at the last steps, most recent first (at most the horizon), to score
 *                         every horizon step when its value arrives
 * @param recentHalfWidths their interval half-widths, in the same order
 * @param modelState       a stateful model's recurrent state after the last step, or null (window model, or no step
 *                         of the current segment yet)
 * @param modelFingerprint the {@link io.vitalcast.forecasting.OnlineModel#fingerprint()} of the model {@code modelState} belongs to, or 0
 *                         when none or unknown (a state read from a version-1 or version-2 store)
 * @param segmentSteps     steps since the current segment started (the first step, the restart after a long gap, or
 *                         the first step of another model)
 * @param quality          signal quality and the SENSOR alert ({@link SignalQuality})
 */
public record SeriesState(double[] history, long lastStepMs, double[] pendingForecast, double[] pendingHalfWidth,
                          double residualMae, long residualCount, AlertStatus deviation, AlertStatus limit,
                          AlertStatus predicted, double[][] recentForecasts, double[][] recentHalfWidths,
                          double[] modelState, long modelFingerprint, long segmentSteps, QualityStatus quality) {

    public SeriesState {
        recentForecasts = recentForecasts == null ? new double[0][] : recentForecasts;
        recentHalfWidths = recentHalfWidths == null ? new double[0][] : recentHalfWidths;
        quality = quality == null ? QualityStatus.initial() : quality;
    }

    /** A state with nothing known about signal quality yet. */
    public SeriesState(double[] history, long lastStepMs, double[] pendingForecast, double[] pendingHalfWidth,
                       double residualMae, long residualCount, AlertStatus deviation, AlertStatus limit,
                       AlertStatus predicted, double[][] recentForecasts, double[][] recentHalfWidths,
                       double[] modelState, long modelFingerprint, long segmentSteps) {
        this(history, lastStepMs, pendingForecast, pendingHalfWidth, residualMae, residualCount, deviation, limit,
            predicted, recentForecasts, recentHalfWidths, modelState, modelFingerprint, segmentSteps, null);
    }

    /** A state without a model state (a window model's) and with nothing known about signal quality yet. */
    public SeriesState(double[] history, long lastStepMs, double[] pendingForecast, double[] pendingHalfWidth,
                       double residualMae, long residualCount, AlertStatus deviation, AlertStatus limit,
                       AlertStatus predicted, double[][] recentForecasts, double[][] recentHalfWidths) {
        this(history, lastStepMs, pendingForecast, pendingHalfWidth, residualMae, residualCount, deviation, limit,
            predicted, recentForecasts, recentHalfWidths, null, ModelFingerprint.UNKNOWN, 0, null);
    }

    /** This state with another signal-quality part. */
    public SeriesState withQuality(QualityStatus newQuality) {
        return new SeriesState(history, lastStepMs, pendingForecast, pendingHalfWidth, residualMae, residualCount,
            deviation, limit, predicted, recentForecasts, recentHalfWidths, modelState, modelFingerprint, segmentSteps,
            newQuality);
    }

    /** The state of a series never seen. */
    public static SeriesState empty() {
        return new SeriesState(new double[0], -1, null, null, 0, 0, AlertStatus.idle(), AlertStatus.idle(),
            AlertStatus.idle(), new double[0][], new double[0][], null, ModelFingerprint.UNKNOWN, 0,
            QualityStatus.initial());
    }
}
