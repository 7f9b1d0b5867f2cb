package io.vitalcast.replay;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalcast.data.Reading;

/**
 * Writes a reading as the single-reading JSON that {@link io.vitalcast.streaming.ReadingParser} accepts:
 * {@code {"patientId", "signal", "timestamp", "value"[, "unit"]}}, the timestamp as ISO-8601 in milliseconds (the
 * resolution the parser keeps), so that what is on the topic can be read by a person with any console consumer.
 * A non-finite value is written as the string {@code "NaN"} or {@code "Infinity"}, which the parser reads as a number
 * and rejects as not finite: the replay sends what was recorded and leaves the judging to the service.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReadingJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReadingJson() {
    }

    /** The JSON bytes of {@code reading} as measured at {@code timestamp}. */
    public static byte[] encode(Reading reading, Instant timestamp) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("patientId", reading.patientId());
        fields.put("signal", reading.signal());
        fields.put("timestamp", timestamp.truncatedTo(ChronoUnit.MILLIS).toString());
        fields.put("value", reading.value());
        if (reading.unit() != null) {
            fields.put("unit", reading.unit());
        }
        try {
            return MAPPER.writeValueAsBytes(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reading as JSON", e);
        }
    }

    /** The JSON bytes of {@code reading} at its own timestamp. */
    public static byte[] encode(Reading reading) {
        return encode(reading, reading.timestamp());
    }
}
