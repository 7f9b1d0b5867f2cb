package io.vitalcast.streaming;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vitalcast.data.InvalidReason;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.SourceRecord;

/**
 * Turns the bytes of an input record into validated readings or rejections. Accepts one reading
 * ({@code patientId, signal, timestamp, value[, unit]}, timestamp as ISO-8601 or epoch milliseconds) or a batch of
 * equally spaced samples of one signal, as a monitor sends a waveform ({@code patientId, signal, start, intervalMs,
 * values[, unit]}). Each sample of a batch is validated on its own. NaN and Infinity are read as numbers so that they
 * are rejected as {@link RejectReason#NOT_FINITE} rather than as malformed JSON.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReadingParser {
    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private final Map<String, SignalSpec> signals;

    public ReadingParser(Map<String, SignalSpec> signals) {
        this.signals = Map.copyOf(signals);
    }

    /** Parses one input record; {@code key} is its key as text (null when absent). */
    public List<ParseResult> parse(String key, SourceRecord source) {
        if (source.value() == null) {
            return List.of(reject(RejectReason.MALFORMED, "the record has no value", null, null, source));
        }
        Fields root;
        try (JsonParser json = JSON.createParser(source.value())) {
            root = Fields.read(json);
        } catch (IOException e) {
            return List.of(reject(RejectReason.MALFORMED, "not JSON: " + firstLine(e.getMessage()), null, null,
                source));
        }
        if (root == null) {
            return List.of(reject(RejectReason.MALFORMED, "expected a JSON object", null, null, source));
        }
        String patientId = root.patientId;
        String signal = root.signal;
        if (patientId == null || patientId.isBlank()) {
            return List.of(reject(RejectReason.MISSING_FIELD, "patientId is missing", null, signal, source));
        }
        if (signal == null || signal.isBlank()) {
            return List.of(reject(RejectReason.MISSING_FIELD, "signal is missing", patientId, null, source));
        }
        if (key == null || !key.equals(patientId)) {
            return List.of(reject(RejectReason.KEY_MISMATCH, "records must be keyed by their patientId",
                patientId, null, source));
        }
        SignalSpec spec = signals.get(signal);
        if (spec == null) {
            return List.of(reject(RejectReason.UNKNOWN_SIGNAL, "signal '" + signal + "' is not configured; known: "
                + new java.util.TreeSet<>(signals.keySet()), patientId, null, source));
        }
        String unit = root.unit;
        if (unit != null && !unit.equals(spec.unit())) {
            return List.of(reject(RejectReason.WRONG_UNIT, "unit '" + unit + "' but " + signal + " is in '"
                + spec.unit() + "'", patientId, signal, source));
        }
        if (root.hasValues) {
            return batch(root, patientId, spec, source);
        }
        Long timestamp = root.timestamp;
        if (timestamp == null) {
            return List.of(reject(RejectReason.MISSING_FIELD, "timestamp is missing or not ISO-8601 / epoch ms",
                patientId, signal, source));
        }
        Double value = root.value;
        if (value == null) {
            return List.of(reject(RejectReason.MISSING_FIELD, "value is missing or not a number", patientId, signal,
                source));
        }
        return List.of(validate(patientId, spec, timestamp, value, source, ""));
    }

    private List<ParseResult> batch(Fields root, String patientId, SignalSpec spec, SourceRecord source) {
        Long start = root.start;
        Double interval = root.intervalMs;
        List<Double> values = root.values;
        if (start == null || interval == null || !(interval > 0) || values == null || values.isEmpty()) {
            return List.of(reject(RejectReason.MISSING_FIELD, "a batch needs start, a positive intervalMs and a "
                + "non-empty values array", patientId, spec.name(), source));
        }
        List<ParseResult> results = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            long time = start + Math.round(i * interval);
            Double value = values.get(i);
            if (value == null) {
                results.add(reject(RejectReason.MISSING_FIELD, "values[" + i + "] is not a number", patientId,
                    spec.name(), source));
            } else {
                results.add(validate(patientId, spec, time, value, source, " (values[" + i + "])"));
            }
        }
        return results;
    }

    private static ParseResult validate(String patientId, SignalSpec spec, long timestamp, double value,
                                        SourceRecord source, String where) {
        Optional<InvalidReason> invalid = spec.check(value);
        if (invalid.isPresent()) {
            RejectReason reason = switch (invalid.get()) {
                case NOT_FINITE -> RejectReason.NOT_FINITE;
                case SENSOR_OFF -> RejectReason.SENSOR_OFF;
                case WRONG_UNIT -> RejectReason.WRONG_UNIT;
                default -> RejectReason.OUT_OF_RANGE;
            };
            return reject(reason, spec.name() + " value " + value + where + " is invalid: valid range [" + spec.min()
                + ", " + spec.max() + "]" + (spec.sensorOffValue() == null ? "" : ", sensor off at "
                + spec.sensorOffValue()), patientId, spec.name(), source);
        }
        return ParseResult.valid(new ReadingEvent(patientId, spec.name(), timestamp, value, source));
    }

    private static ParseResult reject(RejectReason reason, String detail, String patientId, String signal,
                                      SourceRecord source) {
        return ParseResult.rejected(RejectedReading.of(reason, detail, patientId, signal, source));
    }

    /**
     * The fields of a reading read in one pass over the tokens (no tree, no data binding: this runs for every
     * input record). A field of the wrong type reads as absent, a repeated field keeps its last value, and other
     * fields are skipped, as a tree lookup would do.
     */
    private static final class Fields {
        String patientId;
        String signal;
        String unit;
        Long timestamp;
        Double value;
        Long start;
        Double intervalMs;
        boolean hasValues;
        /** The batch's values (null for a sample that is not a number), or null when values is not an array. */
        List<Double> values;

        /** The fields of the root object, or null when the root is not an object. */
        static Fields read(JsonParser json) throws IOException {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                if (json.currentToken() != null) {
                    json.skipChildren();
                }
                return null;
            }
            Fields fields = new Fields();
            String name;
            while ((name = json.nextFieldName()) != null) {
                JsonToken token = json.nextToken();
                switch (name) {
                    case "patientId" -> fields.patientId = text(json, token);
                    case "signal" -> fields.signal = text(json, token);
                    case "unit" -> fields.unit = text(json, token);
                    case "timestamp" -> fields.timestamp = timestamp(json, token);
                    case "value" -> fields.value = number(json, token);
                    case "start" -> fields.start = timestamp(json, token);
                    case "intervalMs" -> fields.intervalMs = number(json, token);
                    case "values" -> {
                        fields.hasValues = true;
                        fields.values = numbers(json, token);
                    }
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(json, "expected a field name or the end of the object");
            }
            return fields;
        }

        private static String text(JsonParser json, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return json.getText();
            }
            json.skipChildren();
            return null;
        }

        private static Double number(JsonParser json, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                return json.getDoubleValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return Double.parseDouble(json.getText().trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            json.skipChildren();
            return null;
        }

        private static Long timestamp(JsonParser json, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return json.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? json.getBigIntegerValue().longValue() : json.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return Instant.parse(json.getText()).toEpochMilli();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
            json.skipChildren();
            return null;
        }

        private static List<Double> numbers(JsonParser json, JsonToken token) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                json.skipChildren();
                return null;
            }
            List<Double> values = new ArrayList<>();
            JsonToken element;
            while ((element = json.nextToken()) != JsonToken.END_ARRAY) {
                if (element == null) {
                    throw new JsonParseException(json, "unexpected end of input in values");
                }
                values.add(number(json, element));
            }
            return values;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}
