package io.vitalcast.streaming;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.series.SourceRecord;

/**
 * A well-formed acknowledgement on its way, through the acks-by-patient repartition topic, to the task that holds its
 * patient's series, with where it was read from: whatever partitioner its producer used (a Java client's murmur2,
 * librdkafka's CRC32, a round robin), it reaches the partition of the patient's readings, and a rejection there still
 * names the original record and keeps its bytes.
 *
 * @param ack       the acknowledgement
 * @param topic     the topic it was read from
 * @param partition its partition there
 * @param offset    its offset there
 * @param timestamp its record timestamp
 * @param key       its key bytes
 * @param value     its value bytes
 */
record RoutedAck(Acknowledgement ack, String topic, int partition, long offset, long timestamp, byte[] key,
                 byte[] value) {

    static RoutedAck of(Acknowledgement ack, SourceRecord source) {
        return new RoutedAck(ack, source.topic(), source.partition(), source.offset(), source.timestamp(),
            source.key(), source.value());
    }

    SourceRecord source() {
        return new SourceRecord(topic, partition, offset, timestamp, key, value);
    }
}
