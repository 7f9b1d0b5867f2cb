package io.vitalcast.data;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One forecasting example: the history a forecaster sees and the steps that followed it, in original units, both
 * from the same segment and the same {@link Part}.
 *
 * @param history         the most recent values, oldest first
 * @param target          the values of the next steps
 * @param firstTargetTime time of the first target step, null for an event-driven series
 * @param step            step duration, null for an event-driven series
 * @param targetIndex     position of the first target step among all steps of its series (in time order)
 */
public record Window(double[] history, double[] target, Instant firstTargetTime, Duration step, long targetIndex) {

    public Window {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(target, "target");
        history = history.clone();
        target = target.clone();
    }

    @Override
    public double[] history() {
        return history.clone();
    }

    @Override
    public double[] target() {
        return target.clone();
    }

    public int horizon() {
        return target.length;
    }

    /** Time of target step {@code h} (0-based), or null for an event-driven series. */
    public Instant targetTime(int h) {
        return firstTargetTime == null ? null : firstTargetTime.plus(step.multipliedBy(h));
    }
}
