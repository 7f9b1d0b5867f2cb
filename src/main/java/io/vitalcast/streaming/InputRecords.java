package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.vitalcast.series.SourceRecord;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Where an input record came from, as the parsing processors keep it for rejections. */
final class InputRecords {
    private InputRecords() {
    }

    /** The record with its topic, partition and offset (empty and -1 where the context has none). */
    static SourceRecord source(Optional<RecordMetadata> context, FixedKeyRecord<String, byte[]> record) {
        RecordMetadata metadata = context.orElse(null);
        return new SourceRecord(metadata == null ? "" : metadata.topic(),
            metadata == null ? -1 : metadata.partition(), metadata == null ? -1 : metadata.offset(),
            record.timestamp(), record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
            record.value());
    }
}
