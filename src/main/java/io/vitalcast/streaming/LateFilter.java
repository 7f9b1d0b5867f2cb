package io.vitalcast.streaming;

import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Placed right before a fixed-step signal's windowed aggregation, in the same task, it applies the aggregation's own
 * rule (a record whose window end is at or before the observed stream time minus the grace period is dropped) and
 * turns those records into LATE rejections instead of letting the window store drop them silently.
 */
final class LateFilter implements FixedKeyProcessor<String, ParseResult, ParseResult> {
    private final long sizeMs;
    private final long graceMs;
    private final VitalcastMetrics metrics;
    private long observedStreamTime = Long.MIN_VALUE;
    private FixedKeyProcessorContext<String, ParseResult> context;

    LateFilter(long sizeMs, long graceMs, VitalcastMetrics metrics) {
        this.sizeMs = sizeMs;
        this.graceMs = graceMs;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ParseResult> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ParseResult> record) {
        long timestamp = record.timestamp();
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        long windowEnd = timestamp - Math.floorMod(timestamp, sizeMs) + sizeMs;
        if (windowEnd > observedStreamTime - graceMs) {
            context.forward(record);
            return;
        }
        ReadingEvent reading = record.value().reading();
        metrics.rejected(RejectReason.LATE.name());
        context.forward(record.withValue(ParseResult.rejected(RejectedReading.of(RejectReason.LATE,
            "reading at " + java.time.Instant.ofEpochMilli(timestamp) + " arrived after its step closed (window end "
                + java.time.Instant.ofEpochMilli(windowEnd) + " + grace " + graceMs + " ms)",
            reading.patientId(), reading.signal(), reading.source()))));
    }
}
