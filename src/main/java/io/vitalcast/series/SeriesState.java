package io.vitalcast.series;

import io.vitalcast.alerting.AlertStates;
import io.vitalcast.forecasting.OnlineAdaptation;
import io.vitalcast.forecasting.OnlineCalibration;

/**
 * What the stream keeps per patient and signal in its persistent, changelogged store, one part per concern.
 *
 * @param steps     the last step values and the current segment
 * @param forecasts the forecasts made at the last steps, to score
 * @param residuals the running one-step residual
 * @param model     a recurrent model's state and which model made it
 * @param alerts    every alert kind's state
 * @param quality   what the signal-quality rules remember
 * @param intervals  the series' online calibration of its model's intervals
 * @param adaptation the series' online adaptation of its model's forecast
 */
public record SeriesState(StepHistory steps, RecentForecasts forecasts, Residuals residuals, ModelMemory model,
                          AlertStates alerts, QualityStatus quality, OnlineCalibration intervals,
                          OnlineAdaptation adaptation) {
    private static final SeriesState EMPTY = new SeriesState(StepHistory.empty(), RecentForecasts.none(),
        Residuals.none(), ModelMemory.none(), AlertStates.idle(), QualityStatus.initial(), OnlineCalibration.none(),
        OnlineAdaptation.none());

    public SeriesState {
        steps = steps == null ? StepHistory.empty() : steps;
        forecasts = forecasts == null ? RecentForecasts.none() : forecasts;
        residuals = residuals == null ? Residuals.none() : residuals;
        model = model == null ? ModelMemory.none() : model;
        alerts = alerts == null ? AlertStates.idle() : alerts;
        quality = quality == null ? QualityStatus.initial() : quality;
        intervals = intervals == null ? OnlineCalibration.none() : intervals;
        adaptation = adaptation == null ? OnlineAdaptation.none() : adaptation;
    }

    /** A state whose forecasts are not adapted online yet. */
    public SeriesState(StepHistory steps, RecentForecasts forecasts, Residuals residuals, ModelMemory model,
                       AlertStates alerts, QualityStatus quality, OnlineCalibration intervals) {
        this(steps, forecasts, residuals, model, alerts, quality, intervals, OnlineAdaptation.none());
    }

    /** A state whose intervals are not calibrated online yet. */
    public SeriesState(StepHistory steps, RecentForecasts forecasts, Residuals residuals, ModelMemory model,
                       AlertStates alerts, QualityStatus quality) {
        this(steps, forecasts, residuals, model, alerts, quality, OnlineCalibration.none(), OnlineAdaptation.none());
    }

    /** The state of a series never seen. */
    public static SeriesState empty() {
        return EMPTY;
    }

    /** This state after a step that was judged bad: only the quality and alert parts change. */
    public SeriesState afterBadStep(QualityStatus newQuality, AlertStates newAlerts) {
        return new SeriesState(steps, forecasts, residuals, model, newAlerts, newQuality, intervals, adaptation);
    }
}
