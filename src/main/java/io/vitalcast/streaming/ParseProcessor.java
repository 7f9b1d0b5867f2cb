package io.vitalcast.streaming;

import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.SourceRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * First step of the topology: parses and validates each input record with the {@link ReadingParser}, forwarding one
 * {@link ParseResult} per reading (several for a waveform batch) and counting the rejected ones (the series
 * processor counts the readings it takes, or finds LATE against their own series). Keeps the key (the patient id),
 * so no repartitioning is needed downstream.
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
        SourceRecord source = InputRecords.source(context.recordMetadata(), record);
        // the input's headers are not passed on: outputs never carry what a producer put there (or its size)
        FixedKeyRecord<String, byte[]> bare = record.withHeaders(new RecordHeaders());
        boolean originalKept = false;
        for (ParseResult parsed : parser.parse(record.key(), source, context.currentSystemTimeMs(),
            headerBytes(record.headers()))) {
            ParseResult result = parsed;
            if (result.isRejected()) {
                RejectedReading rejected = result.rejected();
                metrics.rejected(rejected.reason().name());
                metrics.reading(rejected.signal() == null ? "unknown" : rejected.signal(), false);
                if (originalKept) {
                    result = ParseResult.rejected(rejected.withoutOriginal());
                }
                originalKept = true;
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
