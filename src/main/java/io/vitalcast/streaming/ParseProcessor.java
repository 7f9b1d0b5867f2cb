package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.vitalcast.data.SignalSpec;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.SourceRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the topology: parses and validates each input record with the {@link ReadingParser} and applies the
 * {@link LateFilter} of a fixed-step signal, forwarding one {@link ParseResult} per reading (several for a waveform
 * batch). Keeps the key (the patient id), so no repartitioning is needed downstream. Parsing and the lateness rule
 * share one processor because every node a reading passes through costs a record copy in Kafka Streams.
 */
final class ParseProcessor implements FixedKeyProcessor<String, byte[], ParseResult> {
    private final ReadingParser parser;
    private final Map<String, LateFilter> lateFilters;
    private final VitalcastMetrics metrics;
    private FixedKeyProcessorContext<String, ParseResult> context;

    /**
     * @param signals  the signals; fixed-step ones get a lateness rule
     * @param graceMs the grace period of the step windows
     */
    ParseProcessor(ReadingParser parser, Map<String, SignalSpec> signals, long graceMs, int maxOriginalBytes,
                   VitalcastMetrics metrics) {
        this.parser = parser;
        this.lateFilters = new HashMap<>();
        signals.values().stream().filter(spec -> !spec.isEventDriven()).forEach(spec ->
            lateFilters.put(spec.name(), new LateFilter(spec.step().toMillis(), graceMs, maxOriginalBytes)));
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ParseResult> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        SourceRecord source = new SourceRecord(metadata == null ? "" : metadata.topic(),
            metadata == null ? -1 : metadata.partition(), metadata == null ? -1 : metadata.offset(),
            record.timestamp(), record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
            record.value());
        // the input's headers are not passed on: outputs never carry what a producer put there (or its size)
        FixedKeyRecord<String, byte[]> bare = record.withHeaders(new RecordHeaders());
        boolean originalKept = false;
        for (ParseResult parsed : parser.parse(record.key(), source, context.currentSystemTimeMs(),
            headerBytes(record.headers()))) {
            LateFilter late = parsed.isRejected() ? null : lateFilters.get(parsed.reading().signal());
            ParseResult result = late == null ? parsed : late.apply(parsed);
            if (result.isRejected()) {
                RejectedReading rejected = result.rejected();
                metrics.rejected(rejected.reason().name());
                metrics.reading(rejected.signal() == null ? "unknown" : rejected.signal(), false);
                if (originalKept) {
                    result = ParseResult.rejected(rejected.withoutOriginal());
                }
                originalKept = true;
            } else if (late != null) {
                // an event-driven reading is a step of its own, used or found LATE by its series: counted there
                metrics.reading(result.reading().signal(), true);
            }
            long timestamp = parsed.isRejected() ? record.timestamp() : parsed.reading().timestampMs();
            context.forward(bare.withValue(result).withTimestamp(timestamp));
        }
    }

    private static int headerBytes(Headers headers) {
        long bytes = 0;
        for (Header header : headers) {
            bytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
