package io.vitalcast.streaming;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.series.SourceRecord;

/**
 * Turns the bytes of an alert-acks record into an {@link Acknowledgement} or a rejection:
 * {@code {"alertId":"...","patientId":"...","action":"ACK"|"SNOOZE","until":ISO-8601 or epoch ms,"by":"..."}},
 * keyed by the patient id; {@code until} is required for SNOOZE and optional for ACK. Records beyond the
 * {@link InputLimits} are rejected as {@link RejectReason#TOO_LARGE} and rejections keep at most their capped share of
 * the original. Stateless and thread-safe.
 */
final class AckParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final InputLimits limits;

    AckParser(InputLimits limits) {
        this.limits = limits;
    }

    /**
     * An acknowledgement or why it was rejected (exactly one non-null).
     *
     * @param ack      the acknowledgement
     * @param rejected the rejection
     */
    sealed interface Result permits Accepted, Refused {
    }

    /** @param ack a well-formed acknowledgement (whether its alert is open is for the caller to check) */
    record Accepted(Acknowledgement ack) implements Result {
    }

    /** @param rejected why the record is not an acknowledgement */
    record Refused(RejectedReading rejected) implements Result {
    }

    Result parse(String key, SourceRecord source) {
        JsonNode root;
        try {
            if (source.value() == null) {
                return reject(RejectReason.MALFORMED, "the record has no value", null, source);
            }
            long size = (long) source.value().length + (source.key() == null ? 0 : source.key().length);
            if (size > limits.maxRecordBytes()) {
                return reject(RejectReason.TOO_LARGE, "the record is " + size + " bytes, more than "
                    + limits.maxRecordBytes() + " (vitalcast.readings.max.bytes)", null, source);
            }
            root = MAPPER.readTree(source.value());
        } catch (IOException e) {
            return reject(RejectReason.MALFORMED, "not JSON", null, source);
        }
        if (root == null || !root.isObject()) {
            return reject(RejectReason.MALFORMED, "expected a JSON object", null, source);
        }
        String patientId = text(root, "patientId");
        if (patientId == null) {
            return reject(RejectReason.MISSING_FIELD, "patientId is missing", null, source);
        }
        if (key == null || !key.equals(patientId)) {
            return reject(RejectReason.KEY_MISMATCH, "acknowledgements must be keyed by their patientId", patientId,
                source);
        }
        String alertId = text(root, "alertId");
        if (alertId == null) {
            return reject(RejectReason.MISSING_FIELD, "alertId is missing", patientId, source);
        }
        if (patientId.length() > limits.maxIdLength() || alertId.length() > limits.maxIdLength()) {
            return reject(RejectReason.TOO_LARGE, "patientId and alertId may have at most " + limits.maxIdLength()
                + " characters (vitalcast.readings.max.id.length)", null, source);
        }
        String actionText = text(root, "action");
        if (actionText == null) {
            return reject(RejectReason.MISSING_FIELD, "action is missing", patientId, source);
        }
        Acknowledgement.Action action;
        try {
            action = Acknowledgement.Action.valueOf(actionText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return reject(RejectReason.INVALID_ACK, "action must be ACK or SNOOZE, got '"
                + (actionText.length() <= 64 ? actionText : actionText.substring(0, 64) + "...") + "'", patientId,
                source);
        }
        JsonNode untilNode = root.get("until");
        long until = -1;
        if (untilNode != null && !untilNode.isNull()) {
            Long parsed = time(untilNode);
            if (parsed == null) {
                return reject(RejectReason.INVALID_ACK, "until must be an ISO-8601 time or epoch milliseconds",
                    patientId, source);
            }
            until = parsed;
        } else if (action == Acknowledgement.Action.SNOOZE) {
            return reject(RejectReason.MISSING_FIELD, "a SNOOZE needs until", patientId, source);
        }
        return new Accepted(new Acknowledgement(alertId, patientId, action, until, text(root, "by")));
    }

    Result reject(RejectReason reason, String detail, String patientId, SourceRecord source) {
        return new Refused(RejectedReading.of(reason, detail, patientId, null, source, limits.maxOriginalBytes()));
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Long time(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.asLong() : null;
        }
        if (node.isTextual()) {
            try {
                return Instant.parse(node.asText().trim()).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                return null;
            }
        }
        return null;
    }
}
