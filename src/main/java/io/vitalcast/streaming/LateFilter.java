package io.vitalcast.streaming;

/**
 * A fixed-step signal's lateness rule, applied by {@link ParseProcessor} in the same task as the signal's windowed
 * aggregation: it is the aggregation's own rule (a record whose window end is at or before the observed stream time
 * minus the grace period is dropped), so those records become LATE rejections instead of being dropped silently by
 * the window store. Like the aggregation, it observes the stream time of the signal's valid readings in its task.
 */
final class LateFilter {
    private final long sizeMs;
    private final long graceMs;
    private final int maxOriginalBytes;
    private long observedStreamTime = Long.MIN_VALUE;

    LateFilter(long sizeMs, long graceMs, int maxOriginalBytes) {
        this.sizeMs = sizeMs;
        this.graceMs = graceMs;
        this.maxOriginalBytes = maxOriginalBytes;
    }

    /** The reading itself, or its LATE rejection. */
    ParseResult apply(ParseResult valid) {
        ReadingEvent reading = valid.reading();
        long timestamp = reading.timestampMs();
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        long windowEnd = timestamp - Math.floorMod(timestamp, sizeMs) + sizeMs;
        if (windowEnd > observedStreamTime - graceMs) {
            return valid;
        }
        return ParseResult.rejected(RejectedReading.of(RejectReason.LATE,
            "reading at " + java.time.Instant.ofEpochMilli(timestamp) + " arrived after its step closed (window end "
                + java.time.Instant.ofEpochMilli(windowEnd) + " + grace " + graceMs + " ms)",
            reading.patientId(), reading.signal(), reading.source(), maxOriginalBytes));
    }
}
