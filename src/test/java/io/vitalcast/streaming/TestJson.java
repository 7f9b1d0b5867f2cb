package io.vitalcast.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalcast.data.Reading;
import io.vitalcast.replay.ReadingJson;

/**
 * The JSON that tests send to Vitalcast and read back from it, written and read in one place instead of concatenated
 * and matched by regular expressions in every test. A reading is what {@link ReadingJson} writes, so the tests send
 * the format that {@code replay} puts on the topic; batches, acknowledgements and deliberately incomplete records are
 * objects built field by field; output records are read as Jackson trees. Input that is meant to be malformed JSON
 * stays a literal string in its test.
 */
public final class TestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }

    /** A single reading without a unit, the timestamp as ISO-8601. */
    public static ObjectNode reading(String patientId, String signal, Instant timestamp, double value) {
        return reading(patientId, signal, timestamp, value, null);
    }

    /** A single reading stating {@code unit} (none when null). */
    public static ObjectNode reading(String patientId, String signal, Instant timestamp, double value, String unit) {
        return (ObjectNode) tree(ReadingJson.encode(new Reading(timestamp, patientId, signal, value, unit)));
    }

    /** A waveform batch: equally spaced samples from {@code start} (epoch ms). */
    public static ObjectNode batch(String patientId, String signal, Instant start, long intervalMs,
                                   double... values) {
        ObjectNode batch = object("patientId", patientId, "signal", signal, "start", start.toEpochMilli(),
            "intervalMs", intervalMs);
        ArrayNode samples = batch.putArray("values");
        for (double value : values) {
            samples.add(value);
        }
        return batch;
    }

    /** An acknowledgement; add {@code by} or {@code until} with {@link ObjectNode#put}. */
    public static ObjectNode ack(String alertId, String patientId, String action) {
        return object("alertId", alertId, "patientId", patientId, "action", action);
    }

    /**
     * An object of the given fields in order, names and values alternating: text, numbers and booleans as
     * themselves, an {@link Instant} as ISO-8601 text.
     */
    public static ObjectNode object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        ObjectNode object = MAPPER.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = (String) namesAndValues[i];
            Object value = namesAndValues[i + 1];
            object.set(name, value instanceof Instant time ? object.textNode(time.toString())
                : MAPPER.valueToTree(value));
        }
        return object;
    }

    /** The UTF-8 bytes of {@code json}. */
    public static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + json, e);
        }
    }

    /** {@code json} as compact text, on one line. */
    public static String text(JsonNode json) {
        return json.toString();
    }

    /** Parses a record value; a test fails on one that is not JSON. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Parses record values in order. */
    public static List<JsonNode> trees(List<String> values) {
        return values.stream().map(TestJson::tree).toList();
    }

    /** The last step time of a forecast record, in epoch milliseconds. */
    public static long lastStepMs(JsonNode forecast) {
        return Instant.parse(forecast.get("lastStepTime").asText()).toEpochMilli();
    }

    /** The forecast values of a forecast record, nearest step first. */
    public static double[] pointValues(JsonNode forecast) {
        JsonNode points = forecast.get("points");
        double[] values = new double[points.size()];
        for (int h = 0; h < values.length; h++) {
            values[h] = points.get(h).get("value").asDouble();
        }
        return values;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
