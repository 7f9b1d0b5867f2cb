package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;

import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the topology: parses and validates each input record with the {@link ReadingParser}, forwarding
 * one {@link ParseResult} per reading (several for a waveform batch). Keeps the key (the patient id), so no
 * repartitioning is needed downstream.
 */
final class ParseProcessor implements FixedKeyProcessor<String, byte[], ParseResult> {
    private final ReadingParser parser;
    private final VitalcastMetrics metrics;
    private FixedKeyProcessorContext<String, ParseResult> context;

    ParseProcessor(ReadingParser parser, VitalcastMetrics metrics) {
        this.parser = parser;
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
        for (ParseResult result : parser.parse(record.key(), source)) {
            if (result.isRejected()) {
                RejectedReading rejected = result.rejected();
                metrics.rejected(rejected.reason().name());
                metrics.reading(rejected.signal() == null ? "unknown" : rejected.signal(), false);
            } else {
                metrics.reading(result.reading().signal(), true);
            }
            long timestamp = result.isRejected() ? record.timestamp() : result.reading().timestampMs();
            context.forward(record.withValue(result).withTimestamp(timestamp));
        }
    }
}
