package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;

import io.vitalcast.data.SeriesKey;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The series-state store's keys: a {@link SeriesKey} as the UTF-8 of its {@linkplain StoreKeys#series escaped}
 * text, so that a patient's series share a byte prefix ({@link StoreKeys#patientPrefix}) for prefix scans, and keys
 * stored as {@code patient|signal} text before keys were typed read the same.
 */
final class SeriesKeySerde implements Serde<SeriesKey> {

    @Override
    public Serializer<SeriesKey> serializer() {
        return (topic, key) -> key == null ? null : StoreKeys.series(key).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Deserializer<SeriesKey> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return StoreKeys.parseSeries(new String(bytes, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // the message would quote the key, a patient id
                throw new SerializationException("cannot read a series key of " + bytes.length + " bytes: it has "
                    + "no separator between patient and signal");
            }
        };
    }
}
