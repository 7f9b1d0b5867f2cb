package io.vitalcast.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vitalcast.series.SourceRecord;

/**
 * A record on the rejected topic: why, where the input came from, and the original bytes (base64, and as text when
 * they are valid UTF-8), so that nothing is lost and the producer can be fixed. The bytes kept are capped
 * ({@link InputLimits#maxOriginalBytes()}) so that a rejection always fits in a producer request, however large the
 * input; the length and SHA-256 of the whole original value are always kept, so a truncated rejection can still be
 * matched with the producer's own copy.
 *
 * @param reason         the reason
 * @param detail         a human-readable explanation
 * @param patientId      the patient, when it could be read
 * @param signal         the signal, when it could be read
 * @param sourceTopic    topic of the input record
 * @param partition      partition of the input record
 * @param offset         offset of the input record
 * @param timestamp      timestamp of the input record, epoch ms: in JSON {@code timestampMs}, next to
 *                       {@code timestamp} as ISO-8601 like every other time Vitalcast writes
 * @param keyBase64      the original key bytes (up to the cap), base64, or null
 * @param valueBase64    the original value bytes (up to the cap), base64, or null
 * @param valueText      those value bytes as UTF-8 text when decodable, else null
 * @param valueBytes     the length of the whole original value, or null when it had none
 * @param valueSha256    the SHA-256 of the whole original value (hex), or null when it had none
 * @param valueTruncated whether fewer bytes than the whole value are kept (none, for the second and later rejected
 *                       samples of one batch, whose bytes are on the first)
 */
public record RejectedReading(RejectReason reason, String detail, String patientId, String signal,
                              String sourceTopic, int partition, long offset,
                              @JsonProperty("timestampMs") long timestamp, String keyBase64,
                              String valueBase64, String valueText, Integer valueBytes, String valueSha256,
                              boolean valueTruncated) {
    private static final ThreadLocal<LastDigest> LAST_DIGEST = ThreadLocal.withInitial(LastDigest::new);

    /** A rejection of the given source record, keeping up to {@link InputLimits#DEFAULT}'s original bytes. */
    public static RejectedReading of(RejectReason reason, String detail, String patientId, String signal,
                                     SourceRecord source) {
        return of(reason, detail, patientId, signal, source, InputLimits.DEFAULT.maxOriginalBytes());
    }

    /**
     * A rejection of the given source record keeping up to {@code maxOriginalBytes} of its key and of its value;
     * the patient id and signal are cut to the same number of characters.
     */
    public static RejectedReading of(RejectReason reason, String detail, String patientId, String signal,
                                     SourceRecord source, int maxOriginalBytes) {
        byte[] value = source.value();
        byte[] keptValue = truncate(value, maxOriginalBytes);
        return new RejectedReading(reason, detail, cut(patientId, maxOriginalBytes), cut(signal, maxOriginalBytes),
            source.topic(), source.partition(), source.offset(), source.timestamp(),
            encode(truncate(source.key(), maxOriginalBytes)), encode(keptValue), text(keptValue),
            value == null ? null : value.length, value == null ? null : sha256(value),
            value != null && keptValue.length < value.length);
    }

    /** The input record's timestamp as ISO-8601, the {@code timestamp} of the JSON record. */
    @JsonProperty("timestamp")
    public String time() {
        return Instant.ofEpochMilli(timestamp).toString();
    }

    /** This rejection without the original bytes (their length and hash kept), for a further sample of a batch. */
    public RejectedReading withoutOriginal() {
        return new RejectedReading(reason, detail, patientId, signal, sourceTopic, partition, offset, timestamp,
            null, null, null, valueBytes, valueSha256, valueBytes != null && valueBytes > 0);
    }

    private static String encode(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    /** At most {@code max} bytes, cut at a UTF-8 character boundary when the bytes are text. */
    private static byte[] truncate(byte[] bytes, int max) {
        if (bytes == null || bytes.length <= max) {
            return bytes;
        }
        int end = max;
        for (int back = 0; back < 3 && end > 0 && (bytes[end] & 0xC0) == 0x80; back++) {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }

    private static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, Math.max(end, 0));
    }

    private static String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The hash of the bytes; the last one is remembered per thread, because every rejected sample of a batch hashes
     * the same array.
     */
    private static String sha256(byte[] bytes) {
        LastDigest last = LAST_DIGEST.get();
        if (last.bytes != bytes) {
            try {
                last.hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
            last.bytes = bytes;
        }
        return last.hex;
    }

    private static final class LastDigest {
        byte[] bytes;
        String hex;
    }
}
