package io.vitalcast.series;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Where an input record came from and its original bytes, carried with each reading so that a reading rejected
 * later (for example as LATE) can still be traced to its record.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param timestamp record timestamp (epoch ms)
 * @param key       original key bytes, or null
 * @param value     original value bytes, or null
 */
public record SourceRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

    /** The value as UTF-8 text, or null when it is not valid UTF-8. */
    public String valueText() {
        if (value == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
