package io.vitalcast.streaming;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.SourceRecord;

/**
 * The oracle of {@link ReadingParserTest}: the input rules of a reading stated once more, independently of
 * {@link ReadingParser} (which reads tokens in one pass, for speed), with Jackson's tree model and none of its code,
 * so that a mistake in the production parser is not repeated here. The rules, the first one broken giving the
 * reason:
 * <ol>
 *   <li>key and value together are at most {@link InputLimits#maxRecordBytes()} ({@code TOO_LARGE});</li>
 *   <li>the value is a JSON object, NaN and Infinity allowed as numbers ({@code MALFORMED}, with the first line of
 *       Jackson's message);</li>
 *   <li>{@code patientId}, then {@code signal}, is non-blank text ({@code MISSING_FIELD});</li>
 *   <li>neither is longer than {@link InputLimits#maxIdLength()} ({@code TOO_LARGE});</li>
 *   <li>the record key is the patient id ({@code KEY_MISMATCH});</li>
 *   <li>the signal is in the catalog ({@code UNKNOWN_SIGNAL}), and a {@code unit} given as text is the catalog's
 *       ({@code WRONG_UNIT});</li>
 *   <li>with a {@code values} field the record is a batch and needs {@code start}, a positive {@code intervalMs}
 *       and a non-empty array, sample {@code i} at {@code start + round(i * intervalMs)}; without one it needs
 *       {@code timestamp} and {@code value} ({@code MISSING_FIELD}); a batch has at most
 *       {@link InputLimits#maxBatchValues()} values ({@code TOO_LARGE});</li>
 *   <li>each time is after 1970-01-01 and in year 9999 at the latest ({@code BAD_TIMESTAMP}), and at most
 *       {@link InputLimits#maxFuture()} after the wall clock ({@code FUTURE_TIMESTAMP});</li>
 *   <li>each value is finite ({@code NOT_FINITE}), not the sensor-off value ({@code SENSOR_OFF}) and within the
 *       signal's {@code [min, max]} ({@code OUT_OF_RANGE}); a sample of a batch that is not a number is rejected on
 *       its own ({@code MISSING_FIELD}).</li>
 * </ol>
 * A timestamp is ISO-8601 text or an integral number of epoch milliseconds; a number is a JSON number or text that
 * Java reads as a double. A field of another JSON type counts as absent; a repeated field counts with its last value.
 */
final class TreeReadingParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private static final long LATEST = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    /** An integral timestamp beyond the range of a long, or an ISO-8601 time beyond epoch milliseconds. */
    private static final long UNREPRESENTABLE = Long.MIN_VALUE;

    private final Map<String, SignalSpec> signals;
    private final InputLimits limits = InputLimits.DEFAULT;

    TreeReadingParser(Map<String, SignalSpec> signals) {
        this.signals = Map.copyOf(signals);
    }

    /**
     * What the rules make of one input record; {@code key} is its key as text (null when absent), {@code nowMs}
     * the wall clock.
     */
    List<ParseResult> parse(String key, SourceRecord source, long nowMs) {
        try {
            long size = (source.value() == null ? 0L : source.value().length)
                + (source.key() == null ? 0 : source.key().length);
            if (source.value() != null && size > limits.maxRecordBytes()) {
                throw new Broken(RejectReason.TOO_LARGE, String.format("the record is %d bytes (key, value and "
                    + "headers), more than %d (vitalcast.readings.max.bytes)", size, limits.maxRecordBytes()),
                    null, null);
            }
            return readings(key, object(source.value()), source, nowMs);
        } catch (Broken rule) {
            return List.of(rule.rejection(source));
        }
    }

    private List<ParseResult> readings(String key, JsonNode record, SourceRecord source, long nowMs) {
        String patientId = record.path("patientId").textValue();
        String signal = record.path("signal").textValue();
        if (isBlank(patientId)) {
            throw new Broken(RejectReason.MISSING_FIELD, "patientId is missing", null, signal);
        }
        if (isBlank(signal)) {
            throw new Broken(RejectReason.MISSING_FIELD, "signal is missing", patientId, null);
        }
        if (patientId.length() > limits.maxIdLength() || signal.length() > limits.maxIdLength()) {
            throw new Broken(RejectReason.TOO_LARGE, String.format("patientId and signal may have at most %d "
                + "characters (vitalcast.readings.max.id.length), got %d and %d", limits.maxIdLength(),
                patientId.length(), signal.length()), null, null);
        }
        if (!patientId.equals(key)) {
            throw new Broken(RejectReason.KEY_MISMATCH, "records must be keyed by their patientId", patientId, null);
        }
        SignalSpec spec = signals.get(signal);
        if (spec == null) {
            throw new Broken(RejectReason.UNKNOWN_SIGNAL, String.format("signal '%s' is not configured; known: %s",
                signal, new TreeSet<>(signals.keySet())), patientId, null);
        }
        String unit = record.path("unit").textValue();
        if (unit != null && !unit.equals(spec.unit())) {
            throw new Broken(RejectReason.WRONG_UNIT, String.format("unit '%s' but %s is in '%s'",
                unit.length() > 64 ? unit.substring(0, 64) + "..." : unit, signal, spec.unit()), patientId, signal);
        }
        Origin origin = new Origin(patientId, spec, source, limits, nowMs);
        return record.has("values") ? batch(record, origin) : List.of(single(record, origin));
    }

    private static ParseResult single(JsonNode record, Origin origin) {
        Long timestamp = epochMillis(record.get("timestamp"));
        if (timestamp == null) {
            throw origin.missing("timestamp is missing or not ISO-8601 / epoch ms");
        }
        Double value = number(record.get("value"));
        if (value == null) {
            throw origin.missing("value is missing or not a number");
        }
        return origin.judge(timestamp, value, "");
    }

    private static List<ParseResult> batch(JsonNode record, Origin origin) {
        Long start = epochMillis(record.get("start"));
        Double interval = number(record.get("intervalMs"));
        JsonNode values = record.get("values");
        boolean complete = start != null && interval != null && interval > 0 && values.isArray() && !values.isEmpty();
        if (!complete) {
            throw origin.missing("a batch needs start, a positive intervalMs and a non-empty values array");
        }
        int most = origin.limits().maxBatchValues();
        if (values.size() > most) {
            throw new Broken(RejectReason.TOO_LARGE, "a batch may have at most " + most
                + " values (vitalcast.readings.max.batch.values), got " + values.size(), origin.patientId(),
                origin.spec().name());
        }
        return IntStream.range(0, values.size()).mapToObj(i -> {
            Double value = number(values.get(i));
            boolean representable = start != UNREPRESENTABLE && start + i * interval <= LATEST;
            return value == null ? origin.missing("values[" + i + "] is not a number").rejection(origin.source())
                : origin.judge(representable ? start + Math.round(i * interval) : UNREPRESENTABLE, value,
                    " (values[" + i + "])");
        }).toList();
    }

    private static JsonNode object(byte[] value) {
        if (value == null) {
            throw new Broken(RejectReason.MALFORMED, "the record has no value", null, null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (IOException e) {
            String message = e.getMessage();
            throw new Broken(RejectReason.MALFORMED, "not JSON: " + (message == null ? "unreadable"
                : message.split("\n", 2)[0]), null, null);
        }
        if (root == null || !root.isObject()) {
            throw new Broken(RejectReason.MALFORMED, "expected a JSON object", null, null);
        }
        return root;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static Long epochMillis(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.longValue() : UNREPRESENTABLE;
        }
        try {
            return node.isTextual() ? Instant.parse(node.textValue()).toEpochMilli() : null;
        } catch (DateTimeParseException e) {
            return null;
        } catch (ArithmeticException e) {
            return UNREPRESENTABLE;
        }
    }

    private static Double number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return node.isTextual() ? Double.valueOf(node.textValue()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The patient, signal and input record that the values of one record belong to. */
    private record Origin(String patientId, SignalSpec spec, SourceRecord source, InputLimits limits, long nowMs) {

        /** A value at {@code timestampMs}; {@code where} places a batch sample in the detail ("" for a reading). */
        ParseResult judge(long timestampMs, double value, String where) {
            if (timestampMs < 1 || timestampMs > LATEST) {
                String what = timestampMs == UNREPRESENTABLE ? "the time" + where + " is out of range"
                    : "time " + timestampMs + where + " is not a possible time";
                return new Broken(RejectReason.BAD_TIMESTAMP, what + ": readings are timed after "
                    + "1970-01-01T00:00:00Z and before year 10000", patientId, spec.name()).rejection(source);
            }
            long ahead = timestampMs - nowMs;
            if (ahead > limits.maxFuture().toMillis()) {
                return new Broken(RejectReason.FUTURE_TIMESTAMP, String.format("time %s%s is %d s ahead of the wall "
                    + "clock (%s), more than %s (vitalcast.readings.max.future)", Instant.ofEpochMilli(timestampMs),
                    where, ahead / 1000, Instant.ofEpochMilli(nowMs), limits.maxFuture()), patientId, spec.name())
                    .rejection(source);
            }
            RejectReason reason = Double.isNaN(value) || Double.isInfinite(value) ? RejectReason.NOT_FINITE
                : spec.sensorOffValue() != null && value == spec.sensorOffValue() ? RejectReason.SENSOR_OFF
                : value < spec.min() || value > spec.max() ? RejectReason.OUT_OF_RANGE
                : null;
            if (reason == null) {
                return ParseResult.valid(new ReadingEvent(patientId, spec.name(), timestampMs, value, source));
            }
            String sensorOff = spec.sensorOffValue() == null ? "" : ", sensor off at " + spec.sensorOffValue();
            return new Broken(reason, String.format("%s value %s%s is invalid: valid range [%s, %s]%s", spec.name(),
                value, where, spec.min(), spec.max(), sensorOff), patientId, spec.name()).rejection(source);
        }

        Broken missing(String detail) {
            return new Broken(RejectReason.MISSING_FIELD, detail, patientId, spec.name());
        }
    }

    /** A rule the record breaks, thrown from where it is found to the rejection it makes. */
    private static final class Broken extends RuntimeException {
        private final RejectReason reason;
        private final String patientId;
        private final String signal;

        Broken(RejectReason reason, String detail, String patientId, String signal) {
            super(detail, null, false, false);
            this.reason = reason;
            this.patientId = patientId;
            this.signal = signal;
        }

        ParseResult rejection(SourceRecord source) {
            return ParseResult.rejected(RejectedReading.of(reason, getMessage(), patientId, signal, source));
        }
    }
}
