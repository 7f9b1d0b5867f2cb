package io.vitalcast.streaming;

import java.util.Base64;

import io.vitalcast.series.SourceRecord;

/**
 * A record on the rejected topic: why, where the input came from, and the original bytes (base64, and as text when
 * they are valid UTF-8), so that nothing is lost and the producer can be fixed.
 *
 * @param reason      the reason
 * @param detail      a human-readable explanation
 * @param patientId   the patient, when it could be read
 * @param signal      the signal, when it could be read
 * @param sourceTopic topic of the input record
 * @param partition   partition of the input record
 * @param offset      offset of the input record
 * @param timestamp   timestamp of the input record (epoch ms)
 * @param keyBase64   the original key bytes, base64, or null
 * @param valueBase64 the original value bytes, base64, or null
 * @param valueText   the original value as UTF-8 text when decodable, else null
 */
public record RejectedReading(RejectReason reason, String detail, String patientId, String signal,
                              String sourceTopic, int partition, long offset, long timestamp, String keyBase64,
                              String valueBase64, String valueText) {

    /** A rejection of the given source record. */
    public static RejectedReading of(RejectReason reason, String detail, String patientId, String signal,
                                     SourceRecord source) {
        return new RejectedReading(reason, detail, patientId, signal, source.topic(), source.partition(),
            source.offset(), source.timestamp(), encode(source.key()), encode(source.value()),
            source.valueText());
    }

    private static String encode(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
