package io.vitalcast.series;

import io.vitalcast.data.SignalSpec;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;

/**
 * The signal-quality part of a series' state: what the quality rules remember, the time of the last judged step and
 * the problem of that step. The SENSOR alert it raises is kept with the other alert kinds.
 *
 * @param tracker    the quality rules' memory (last value, flat run)
 * @param lastTimeMs time of the last judged step, good or bad (sensor-off markers excluded), or -1
 * @param problem    the problem of the last judged step or marker, or null when it was good
 */
public record QualityStatus(QualityTracker tracker, long lastTimeMs, QualityProblem problem) {
    private static final QualityStatus INITIAL = new QualityStatus(QualityTracker.initial(), -1, null);

    /** Nothing judged yet. */
    public static QualityStatus initial() {
        return INITIAL;
    }

    /**
     * The status after judging a step with the signal's quality rules; a
     * {@linkplain StepValue#isSensorOff() sensor-off marker} is a dropout.
     *
     * @param missing steps missing since the last judged step (0 for consecutive or event-driven steps)
     */
    public QualityStatus judge(StepValue step, SignalSpec spec, long missing) {
        QualityTracker.Verdict verdict = step.isSensorOff() ? tracker.sensorOff()
            : tracker.next(spec.quality(), step.value(), missing);
        return new QualityStatus(verdict.next(), step.isSensorOff() ? lastTimeMs : step.timeMs(), verdict.problem());
    }
}
