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
 * <p>Whatever the bytes, the result is readings Kafka Streams and the broker accept, or rejections that fit in a
 * producer request: times are checked ({@link RejectReason#BAD_TIMESTAMP} when impossible,
 * {@link RejectReason#FUTURE_TIMESTAMP} beyond {@link InputLimits#maxFuture()} ahead of the wall clock, which the
 * broker would refuse as record timestamps), sizes are checked ({@link RejectReason#TOO_LARGE}), and rejections keep
 * at most {@link InputLimits#maxOriginalBytes()} of the original.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReadingParser {
    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    /** The last millisecond of year 9999: later times are beyond ISO-8601's four-digit years. */
    static final long LATEST_TIME_MS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    /** What a timestamp field reads as when it is a number or a time beyond the range of epoch milliseconds. */
    private static final long OUT_OF_RANGE = Long.MIN_VALUE;

    private final Map<String, SignalSpec> signals;
    private final InputLimits limits;

    /** A parser with the default input limits. */
    public ReadingParser(Map<String, SignalSpec> signals) {
        this(signals, InputLimits.DEFAULT);
    }

    public ReadingParser(Map<String, SignalSpec> signals, InputLimits limits) {
        this.signals = Map.copyOf(signals);
        this.limits = limits;
    }

    /** Parses one input record without headers, its times checked against the current wall clock. */
    public List<ParseResult> parse(String key, SourceRecord source) {
        return parse(key, source, System.currentTimeMillis(), 0);
    }

    /**
     * Parses one input record; {@code key} is its key as text (null when absent).
     *
     * @param nowMs       the wall clock, against which {@link InputLimits#maxFuture()} is checked
     * @param headerBytes the size of the record's headers, counted with its key and value against
     *                    {@link InputLimits#maxRecordBytes()}
     */
    public List<ParseResult> parse(String key, SourceRecord source, long nowMs, int headerBytes) {
        if (source.value() == null) {
            return List.of(reject(RejectReason.MALFORMED, "the record has no value", null, null, source));
        }
        long size = (long) source.value().length + (source.key() == null ? 0 : source.key().length) + headerBytes;
        if (size > limits.maxRecordBytes()) {
            return List.of(reject(RejectReason.TOO_LARGE, "the record is " + size + " bytes (key, value and "
                + "headers), more than " + limits.maxRecordBytes() + " (vitalcast.readings.max.bytes)", null, null,
                source));
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
        if (patientId.length() > limits.maxIdLength() || signal.length() > limits.maxIdLength()) {
            return List.of(reject(RejectReason.TOO_LARGE, "patientId and signal may have at most "
                + limits.maxIdLength() + " characters (vitalcast.readings.max.id.length), got "
                + patientId.length() + " and " + signal.length(), null, null, source));
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
            return List.of(reject(RejectReason.WRONG_UNIT, "unit '" + shortened(unit) + "' but " + signal
                + " is in '" + spec.unit() + "'", patientId, signal, source));
        }
        if (root.hasValues) {
            return batch(root, patientId, spec, source, nowMs);
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
        return List.of(validate(patientId, spec, timestamp, value, source, "", nowMs));
    }

    private List<ParseResult> batch(Fields root, String patientId, SignalSpec spec, SourceRecord source,
                                    long nowMs) {
        Long start = root.start;
        Double interval = root.intervalMs;
        List<Double> values = root.values;
        if (start == null || interval == null || !(interval > 0) || values == null || values.isEmpty()) {
            return List.of(reject(RejectReason.MISSING_FIELD, "a batch needs start, a positive intervalMs and a "
                + "non-empty values array", patientId, spec.name(), source));
        }
        if (values.size() > limits.maxBatchValues()) {
            return List.of(reject(RejectReason.TOO_LARGE, "a batch may have at most " + limits.maxBatchValues()
                + " values (vitalcast.readings.max.batch.values), got " + values.size(), patientId, spec.name(),
                source));
        }
        List<ParseResult> results = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            double exact = start + i * interval;
            long time = exact > LATEST_TIME_MS || start == OUT_OF_RANGE ? OUT_OF_RANGE
                : start + Math.round(i * interval);
            Double value = values.get(i);
            if (value == null) {
                results.add(reject(RejectReason.MISSING_FIELD, "values[" + i + "] is not a number", patientId,
                    spec.name(), source));
            } else {
                results.add(validate(patientId, spec, time, value, source, " (values[" + i + "])", nowMs));
            }
        }
        return results;
    }

    private ParseResult validate(String patientId, SignalSpec spec, long timestamp, double value,
                                 SourceRecord source, String where, long nowMs) {
        if (timestamp <= 0 || timestamp > LATEST_TIME_MS) {
            return reject(RejectReason.BAD_TIMESTAMP, (timestamp == OUT_OF_RANGE ? "the time" + where
                + " is out of range" : "time " + timestamp + where + " is not a possible time")
                + ": readings are timed after 1970-01-01T00:00:00Z and before year 10000", patientId, spec.name(),
                source);
        }
        if (timestamp - nowMs > limits.maxFuture().toMillis()) {
            return reject(RejectReason.FUTURE_TIMESTAMP, "time " + Instant.ofEpochMilli(timestamp) + where + " is "
                + java.time.Duration.ofMillis(timestamp - nowMs).toSeconds() + " s ahead of the wall clock ("
                + Instant.ofEpochMilli(nowMs) + "), more than " + limits.maxFuture() + " (vitalcast.readings.max"
                + ".future)", patientId, spec.name(), source);
        }
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

    private ParseResult reject(RejectReason reason, String detail, String patientId, String signal,
                               SourceRecord source) {
        return ParseResult.rejected(RejectedReading.of(reason, detail, patientId, signal, source,
            limits.maxOriginalBytes()));
    }

    /** A producer's text quoted in a detail, cut so that a long one does not swell every rejection. */
    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
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
                return json.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? OUT_OF_RANGE : json.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return Instant.parse(json.getText()).toEpochMilli();
                } catch (DateTimeParseException e) {
                    return null;
                } catch (ArithmeticException e) {
                    return OUT_OF_RANGE;
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
