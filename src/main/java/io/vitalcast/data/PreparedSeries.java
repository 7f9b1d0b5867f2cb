package io.vitalcast.data;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One patient's signal made regular, with an account of everything done to get there, so a user can see how much
 * of a recording was usable: every reading is either used (on its own or averaged with others in its step) or counted
 * as invalid by reason; every interpolated step and every split at a long gap is counted.
 *
 * @param key              patient and signal
 * @param spec             the spec used, with the step actually used (configured or inferred)
 * @param segments         gap-free runs, in time order
 * @param readings         readings given
 * @param invalid          invalid readings by reason (every reason present, zero when none)
 * @param averagedReadings valid readings that shared their step with another reading and were averaged into it
 * @param filledSteps      steps filled by linear interpolation across a short gap
 * @param gapsSplit        gaps longer than {@code spec.maxGapSteps()} that split the series
 */
public record PreparedSeries(SeriesKey key, SignalSpec spec, List<Segment> segments, int readings,
                             Map<InvalidReason, Integer> invalid, int averagedReadings, int filledSteps,
                             int gapsSplit) {

    public PreparedSeries {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(spec, "spec");
        segments = List.copyOf(segments);
        EnumMap<InvalidReason, Integer> counts = new EnumMap<>(InvalidReason.class);
        for (InvalidReason reason : InvalidReason.values()) {
            counts.put(reason, invalid.getOrDefault(reason, 0));
        }
        invalid = Collections.unmodifiableMap(counts);
    }

    /** Invalid readings of every reason. */
    public int invalidTotal() {
        return invalid.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Readings used. */
    public int validReadings() {
        return readings - invalidTotal();
    }

    /** Steps over all segments, measured and filled. */
    public int totalSteps() {
        return segments.stream().mapToInt(Segment::length).sum();
    }

    /** A one-line account, for logs and reports. */
    public String summary() {
        return key + ": " + readings + " readings, " + validReadings() + " valid, invalid " + invalid
            + ", " + averagedReadings + " averaged, " + filledSteps + " steps filled, " + gapsSplit + " gaps split, "
            + segments.size() + " segments, " + totalSteps() + " steps of " + (spec.isEventDriven() ? "one reading"
            : String.valueOf(spec.step()));
    }
}
