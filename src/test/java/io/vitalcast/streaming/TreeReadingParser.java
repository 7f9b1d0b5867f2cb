package io.vitalcast.streaming;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vitalcast.data.InvalidReason;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.SourceRecord;

/**
 * The tree-model (databind {@code readTree}) implementation that {@link ReadingParser} had before it read tokens in
 * one pass: kept in the tests only, as the oracle that the streaming parser must agree with on every input.
 */
final class TreeReadingParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private final Map<String, SignalSpec> signals;

    TreeReadingParser(Map<String, SignalSpec> signals) {
        this.signals = Map.copyOf(signals);
    }

    /** Parses one input record; {@code key} is its key as text (null when absent). */
    public List<ParseResult> parse(String key, SourceRecord source) {
        JsonNode root;
        try {
            if (source.value() == null) {
                return List.of(reject(RejectReason.MALFORMED, "the record has no value", null, null, source));
            }
            root = MAPPER.readTree(source.value());
        } catch (java.io.IOException e) {
            return List.of(reject(RejectReason.MALFORMED, "not JSON: " + firstLine(e.getMessage()), null, null,
                source));
        }
        if (root == null || !root.isObject()) {
            return List.of(reject(RejectReason.MALFORMED, "expected a JSON object", null, null, source));
        }
        String patientId = text(root, "patientId");
        String signal = text(root, "signal");
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
        String unit = text(root, "unit");
        if (unit != null && !unit.equals(spec.unit())) {
            return List.of(reject(RejectReason.WRONG_UNIT, "unit '" + unit + "' but " + signal + " is in '"
                + spec.unit() + "'", patientId, signal, source));
        }
        if (root.has("values")) {
            return batch(root, patientId, spec, source);
        }
        Long timestamp = timestamp(root.get("timestamp"));
        if (timestamp == null) {
            return List.of(reject(RejectReason.MISSING_FIELD, "timestamp is missing or not ISO-8601 / epoch ms",
                patientId, signal, source));
        }
        Double value = number(root.get("value"));
        if (value == null) {
            return List.of(reject(RejectReason.MISSING_FIELD, "value is missing or not a number", patientId, signal,
                source));
        }
        return List.of(validate(patientId, spec, timestamp, value, source, ""));
    }

    private List<ParseResult> batch(JsonNode root, String patientId, SignalSpec spec, SourceRecord source) {
        Long start = timestamp(root.get("start"));
        Double interval = number(root.get("intervalMs"));
        JsonNode values = root.get("values");
        if (start == null || interval == null || !(interval > 0) || !values.isArray() || values.isEmpty()) {
            return List.of(reject(RejectReason.MISSING_FIELD, "a batch needs start, a positive intervalMs and a "
                + "non-empty values array", patientId, spec.name(), source));
        }
        List<ParseResult> results = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            long time = start + Math.round(i * interval);
            Double value = number(values.get(i));
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

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static Double number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Long timestamp(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

}
