package io.vitalcast.series;

import java.util.ArrayList;
import java.util.List;

/**
 * The windowing of one fixed-step series: its own clock, and the steps still open to its readings. A step closes
 * when the series' own readings pass its end plus the grace period, so a patient's steps depend only on that
 * patient's readings: a monitor with a wrong clock on the same partition moves its own clock, not anyone else's (the
 * per-partition stream time of Kafka Streams windows did). A series that falls silent is closed by
 * {@link #closeIdle}: its clock is taken to run on with the wall clock since its last reading arrived, so its last
 * step closes about a grace period after its end in real time, while a backfill (old event times, arriving fast)
 * is not closed early.
 *
 * <p>The rule for a reading is the one the windows had: it is LATE when its step ended a grace period or more before
 * the series' clock, or when its step is not after the last closed one.
 *
 * @param clockMs        the latest reading time of the series, or {@link Long#MIN_VALUE} before its first
 * @param arrivalMs      the wall-clock time that reading arrived
 * @param closedThroughMs the start of the latest closed step, or {@link Long#MIN_VALUE}
 * @param steps          the open steps, oldest first
 */
public record OpenSteps(long clockMs, long arrivalMs, long closedThroughMs, List<OpenStep> steps) {
    /** A series that has had no reading. */
    public static final OpenSteps NONE = new OpenSteps(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, List.of());

    public OpenSteps {
        steps = List.copyOf(steps);
    }

    /**
     * The readings of one open step so far.
     *
     * @param startMs start of the step
     * @param sum     sum of its readings, added in arrival order
     * @param count   its readings
     * @param source  the last input record that fed it, without its bytes
     */
    public record OpenStep(long startMs, double sum, int count, SourceRecord source) {
        StepValue close(String patientId, String signal) {
            return new StepValue(patientId, signal, startMs, sum / count, count, source);
        }
    }

    /**
     * What a reading or the passing of time did to the series.
     *
     * @param late   whether the reading was refused as LATE (the series is then unchanged)
     * @param next   the series after it
     * @param closed the steps it closed, oldest first
     */
    public record Outcome(boolean late, OpenSteps next, List<StepValue> closed) {
    }

    /**
     * Admits one reading of {@code patientId}'s {@code signal} at {@code timeMs}, arrived at {@code wallMs}, into
     * steps of {@code stepMs} with {@code graceMs} of grace.
     */
    public Outcome admit(String patientId, String signal, long timeMs, double value, SourceRecord source,
                         long stepMs, long graceMs, long wallMs) {
        long start = timeMs - Math.floorMod(timeMs, stepMs);
        boolean late = (clockMs != Long.MIN_VALUE && start + stepMs + graceMs <= clockMs)
            || (closedThroughMs != Long.MIN_VALUE && start <= closedThroughMs);
        if (late) {
            return new Outcome(true, this, List.of());
        }
        SourceRecord bare = new SourceRecord(source.topic(), source.partition(), source.offset(), source.timestamp(),
            null, null);
        List<OpenStep> open = new ArrayList<>(steps.size() + 1);
        boolean added = false;
        for (OpenStep step : steps) {
            if (!added && step.startMs() == start) {
                open.add(new OpenStep(start, step.sum() + value, step.count() + 1, bare));
                added = true;
            } else {
                if (!added && step.startMs() > start) {
                    open.add(new OpenStep(start, value, 1, bare));
                    added = true;
                }
                open.add(step);
            }
        }
        if (!added) {
            open.add(new OpenStep(start, value, 1, bare));
        }
        long clock = clockMs == Long.MIN_VALUE ? timeMs : Math.max(clockMs, timeMs);
        return closeThrough(patientId, signal, open, clock, wallMs, clock, stepMs, graceMs);
    }

    /**
     * Closes the steps of a series silent since its last reading: those that end a grace period before its clock
     * run on by the wall-clock time since that reading arrived ({@code wallMs - arrivalMs}).
     */
    public Outcome closeIdle(String patientId, String signal, long wallMs, long stepMs, long graceMs) {
        if (steps.isEmpty() || wallMs <= arrivalMs) {
            return new Outcome(false, this, List.of());
        }
        long projected = clockMs + (wallMs - arrivalMs);
        if (projected < clockMs) {
            projected = Long.MAX_VALUE;
        }
        return closeThrough(patientId, signal, steps, clockMs, arrivalMs, projected, stepMs, graceMs);
    }

    private Outcome closeThrough(String patientId, String signal, List<OpenStep> open, long clock, long arrival,
                                 long closingClock, long stepMs, long graceMs) {
        List<StepValue> closed = new ArrayList<>();
        long closedThrough = closedThroughMs;
        int first = 0;
        while (first < open.size() && open.get(first).startMs() + stepMs + graceMs <= closingClock) {
            OpenStep step = open.get(first++);
            closed.add(step.close(patientId, signal));
            closedThrough = step.startMs();
        }
        return new Outcome(false, new OpenSteps(clock, arrival, closedThrough, open.subList(first, open.size())),
            closed);
    }
}
