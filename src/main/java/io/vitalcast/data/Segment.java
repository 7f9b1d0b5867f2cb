package io.vitalcast.data;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A gap-free run of one series: consecutive steps, every value valid (measured, averaged or interpolated across a
 * short gap). Long gaps end a segment, so a window never spans one.
 *
 * <p>The array is copied in and out; {@link #valuesView()} exposes it without copying for read-only internal use.
 *
 * @param start  time of the first step (of the first reading for an event-driven signal)
 * @param step   step duration, null for an event-driven signal (one reading per step)
 * @param values one value per step, in original units
 */
public record Segment(Instant start, Duration step, double[] values) {

    public Segment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(values, "values");
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The values without a copy; callers must not modify them. */
    double[] valuesView() {
        return values;
    }

    public int length() {
        return values.length;
    }

    public double value(int index) {
        return values[index];
    }

    /** Time of step {@code index}, or null for an event-driven segment. */
    public Instant time(int index) {
        return step == null ? null : start.plus(step.multipliedBy(index));
    }

    /** Steps {@code [from, to)} as a segment of their own. */
    public Segment slice(int from, int to) {
        Instant sliceStart = step == null ? start : time(from);
        return new Segment(sliceStart, step, Arrays.copyOfRange(values, from, to));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Segment s && start.equals(s.start) && Objects.equals(step, s.step)
            && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, step, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Segment[start=" + start + ", step=" + step + ", length=" + values.length + "]";
    }
}
