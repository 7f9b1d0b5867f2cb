package io.vitalcast.series;

import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;

/**
 * The signal-quality part of a series' state: what the quality rules remember, the time of the last judged step,
 * the problem of that step, and the SENSOR alert's hysteresis. Kept as one field of {@link SeriesState}.
 *
 * @param tracker    the quality rules' memory (last value, flat run)
 * @param lastTimeMs time of the last judged step, good or bad (sensor-off markers excluded), or -1
 * @param problem    the problem of the last judged step or marker, or null when it was good
 * @param sensor     the SENSOR alert's hysteresis state
 */
public record QualityStatus(QualityTracker tracker, long lastTimeMs, QualityProblem problem, AlertStatus sensor) {

    /** Nothing judged yet, no SENSOR alert. */
    public static QualityStatus initial() {
        return new QualityStatus(QualityTracker.initial(), -1, null, AlertStatus.idle());
    }
}
