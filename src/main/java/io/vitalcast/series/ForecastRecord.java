package io.vitalcast.series;

import java.time.Instant;
import java.util.List;

import io.vitalcast.forecasting.ModelInfo;

/**
 * A record on the forecasts topic: for one patient and signal, the forecast made when a new step was observed.
 *
 * @param patientId    patient
 * @param signal       signal
 * @param unit         unit of the values
 * @param lastStepTime time of the last observed step
 * @param stepMs       step length in ms, or null for an event-driven signal (point times are then estimated)
 * @param model        the model that made the forecast
 * @param points       one point per horizon step
 * @param level        the two-sided coverage the points' intervals aim at (0.9: nine steps in ten inside), or null
 *                     when no point has an interval
 */
public record ForecastRecord(String patientId, String signal, String unit, Instant lastStepTime, Long stepMs,
                             ModelInfo model, List<ForecastPoint> points, Double level) {

    public ForecastRecord {
        points = List.copyOf(points);
    }

    /** A forecast whose points have no intervals. */
    public ForecastRecord(String patientId, String signal, String unit, Instant lastStepTime, Long stepMs,
                          ModelInfo model, List<ForecastPoint> points) {
        this(patientId, signal, unit, lastStepTime, stepMs, model, points, null);
    }

    /**
     * One forecast step.
     *
     * @param timestamp time the value is forecast for
     * @param value     point forecast
     * @param lower     lower bound of the prediction interval, or null before the interval is calibrated
     * @param upper     upper bound, or null before calibration
     */
    public record ForecastPoint(Instant timestamp, double value, Double lower, Double upper) {
    }
}
