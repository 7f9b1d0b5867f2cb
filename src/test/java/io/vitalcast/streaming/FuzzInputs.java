package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Generators of input records for the fuzz properties: odd but possible readings, batches, acknowledgements and
 * plain garbage, each with the number of outcomes it must end as. The count is known by construction, not asked of
 * the parser: a record the parser reads as a batch of {@code n} samples ends as {@code n} outcomes (each sample used
 * or rejected on its own), every other record as exactly one (used, or one rejection).
 *
 * <p>Times are offsets from the wall clock of the moment the record is sent ({@link FuzzRecord#bytes}), so that a
 * property can send the same record to a topology whose clock moves on.
 */
final class FuzzInputs {
    /** The signals of {@link TestSettings#standard()} and their units. */
    private static final List<String> SIGNALS = List.of("heart_rate", "spo2", "rr_interval");
    private static final List<String> UNITS = List.of("bpm", "%", "s");
    private static final int MAX_ID_LENGTH = InputLimits.DEFAULT.maxIdLength();
    private static final int MAX_BATCH_VALUES = InputLimits.DEFAULT.maxBatchValues();

    private FuzzInputs() {
    }

    /**
     * One input record.
     *
     * @param key         the record key as text, or null
     * @param bytes       the value bytes given the wall clock in epoch ms (null for a tombstone)
     * @param outcomes    how many outcomes (used or rejected) it must end as
     * @param description what it is, for a failing property's report
     */
    record FuzzRecord(String key, LongFunction<byte[]> bytes, int outcomes, String description) {
        @Override
        public String toString() {
            return description + " (key " + shortened(key) + ", " + outcomes + " outcome(s))";
        }
    }

    /** A field's JSON text given the wall clock, and whether the parser reads it as present. */
    private record Field(LongFunction<String> json, boolean present, String description) {
        static Field of(String json, boolean present) {
            return new Field(now -> json, present, shortened(json));
        }
    }

    private record Identity(String key, String patientJson, String signalJson, String unitJson, boolean usable,
                            int signal, String description) {
    }

    /** Any record a device or a bug could send to the readings topic. */
    static Arbitrary<FuzzRecord> readings() {
        return Arbitraries.frequencyOf(
            weighted(5, singleReadings()),
            weighted(3, batches()),
            weighted(1, truncated(singleReadings())),
            weighted(1, truncated(batches())),
            weighted(1, garbage()));
    }

    /** Any record a clinical system or a bug could send to the acknowledgements topic: each is one outcome. */
    static Arbitrary<FuzzRecord> acknowledgements() {
        Arbitrary<String> patients = patientTexts();
        Arbitrary<String> alertIds = Arbitraries.of("\"a-1\"", "\"\"", "42", "\"" + "a".repeat(300) + "\"",
            "\"患者-alert\"");
        Arbitrary<String> actions = Arbitraries.of("\"ACK\"", "\"snooze\"", "\"SNOOZE\"", "\"bogus\"", "null", "7");
        Arbitrary<Field> until = times();
        Arbitrary<FuzzRecord> acks = Combinators.combine(patients, alertIds, actions, until, Arbitraries.of(0, 1, 2))
            .as((patient, alert, action, time, keying) -> {
                String key = keying == 0 ? unquoted(patient) : keying == 1 ? "other" : null;
                LongFunction<String> json = now -> "{\"patientId\":" + patient + ",\"alertId\":" + alert
                    + ",\"action\":" + action + ",\"until\":" + time.json().apply(now) + ",\"by\":\"nurse\"}";
                return new FuzzRecord(key, now -> utf8(json.apply(now)), 1, "ack " + shortened(patient) + " "
                    + action + " until " + time.description());
            });
        return Arbitraries.oneOf(acks, truncated(acks), garbage());
    }

    private static Arbitrary<FuzzRecord> singleReadings() {
        Arbitrary<String> odd = Arbitraries.of("NaN", "Infinity", "-Infinity", "-1", "1e308", "\"72\"", "\"abc\"",
            "null", "{}", "[1,2]", "true");
        Arbitrary<Identity> identities = identities();
        Arbitrary<Tuple2<Identity, String>> identityAndValue = identities.flatMap(id -> Arbitraries.frequencyOf(
            weighted(6, plausible(id.signal())), weighted(1, odd)).map(value -> Tuple.of(id, value)));
        return Combinators.combine(identityAndValue, times(), padding())
            .as((idValue, time, pad) -> {
                Identity id = idValue.get1();
                String value = idValue.get2();
                LongFunction<String> json = now -> "{" + id.patientJson() + id.signalJson() + id.unitJson()
                    + "\"timestamp\":" + time.json().apply(now) + ",\"value\":" + value + pad + "}";
                return new FuzzRecord(id.key(), now -> utf8(json.apply(now)), 1, "reading " + id.description()
                    + " at " + time.description() + " value " + value + (pad.isEmpty() ? "" : " padded"));
            });
    }

    private static Arbitrary<FuzzRecord> batches() {
        Arbitrary<Field> intervals = Arbitraries.frequencyOf(
            weighted(6, Arbitraries.of(Field.of("1000", true), Field.of("250", true), Field.of("0.5", true),
                Field.of("1e+18", true), Field.of("\"1000\"", true), Field.of("4.9e-324", true))),
            weighted(1, Arbitraries.of(Field.of("0", false), Field.of("-5", false), Field.of("NaN", false),
                Field.of("\"abc\"", false), Field.of("null", false), Field.of("[1000]", false))));
        Arbitrary<String> odd = Arbitraries.of("NaN", "Infinity", "-3", "\"70\"", "null", "{\"x\":1}", "[70]",
            "1e400");
        Arbitrary<Identity> identities = identities();
        Arbitrary<Tuple2<Identity, List<String>>> identityAndValues = identities.flatMap(id -> {
            Arbitrary<String> sample = Arbitraries.frequencyOf(weighted(8, plausible(id.signal())), weighted(1, odd));
            return Arbitraries.frequencyOf(
                weighted(60, sample.list().ofMinSize(1).ofMaxSize(60)),
                weighted(1, Arbitraries.just(List.<String>of())),
                weighted(1, Arbitraries.of(MAX_BATCH_VALUES, MAX_BATCH_VALUES + 1)
                    .map(n -> java.util.Collections.nCopies(n, "71.5")))).map(values -> Tuple.of(id, values));
        });
        Arbitrary<Boolean> valuesIsArray = Arbitraries.frequencyOf(weighted(15, Arbitraries.just(true)),
            weighted(1, Arbitraries.just(false)));
        return Combinators.combine(identityAndValues, times(), intervals, valuesIsArray, padding())
            .as((idValues, start, interval, isArray, pad) -> {
                Identity id = idValues.get1();
                List<String> samples = idValues.get2();
                String array = isArray ? "[" + String.join(",", samples) + "]" : "\"not an array\"";
                LongFunction<String> json = now -> "{" + id.patientJson() + id.signalJson() + id.unitJson()
                    + "\"start\":" + start.json().apply(now) + ",\"intervalMs\":" + interval.json().apply(now)
                    + ",\"values\":" + array + pad + "}";
                int n = isArray ? samples.size() : 0;
                boolean expands = id.usable() && pad.isEmpty() && start.present() && interval.present() && n >= 1
                    && n <= MAX_BATCH_VALUES;
                return new FuzzRecord(id.key(), now -> utf8(json.apply(now)), expands ? n : 1, "batch of " + n
                    + " " + id.description() + " from " + start.description() + " every "
                    + interval.description() + (pad.isEmpty() ? "" : " padded"));
            });
    }

    /** Values mostly within the signal's valid range (any range for an unknown signal), some beyond it. */
    private static Arbitrary<String> plausible(int signal) {
        double[][] ranges = {{40, 180}, {80, 100}, {0.4, 1.6}};
        double[] range = signal < 0 ? new double[] {-10, 400} : ranges[signal];
        double[] wide = signal < 0 ? range : new double[] {range[0] / 2, range[1] * 2};
        return Arbitraries.frequencyOf(weighted(9, Arbitraries.doubles().between(range[0], range[1])),
            weighted(1, Arbitraries.doubles().between(wide[0], wide[1]))).map(v -> Double.toString(v));
    }

    /** Cuts a record anywhere before its end: never a whole JSON object, so always one outcome. */
    private static Arbitrary<FuzzRecord> truncated(Arbitrary<FuzzRecord> records) {
        return Combinators.combine(records, Arbitraries.doubles().between(0, 1)).as((record, cut) ->
            new FuzzRecord(record.key(), now -> {
                byte[] whole = record.bytes().apply(now);
                return Arrays.copyOf(whole, (int) Math.min(whole.length - 1, Math.floor(cut * whole.length)));
            }, 1, "truncated " + record.description()));
    }

    /** Random bytes, random text, odd JSON roots and tombstones, keyed by a patient or not: one outcome each. */
    static Arbitrary<FuzzRecord> garbage() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(500).map(FuzzInputs::utf8);
        Arbitrary<byte[]> roots = Arbitraries.of("[]", "null", "42", "\"p-1\"", "{}", "{\"patientId\":{}}",
            "{\"patientId\":\"p-1\"", "{\"patientId\":\"p-1\",}", "{{}}", "", " ", "\uFEFF{}").map(FuzzInputs::utf8);
        Arbitrary<byte[]> brace = bytes.map(b -> {
            byte[] withBrace = new byte[b.length + 1];
            withBrace[0] = '{';
            System.arraycopy(b, 0, withBrace, 1, b.length);
            return withBrace;
        });
        Arbitrary<byte[]> any = Arbitraries.frequencyOf(weighted(3, bytes), weighted(3, text), weighted(2, roots),
            weighted(2, brace), weighted(1, Arbitraries.just(null)));
        return Combinators.combine(any, Arbitraries.of("p-1", "p-2", "", null)).as((value, key) ->
            new FuzzRecord(key, now -> value, 1, value == null ? "tombstone" : "garbage of " + value.length
                + " bytes"));
    }

    private static Arbitrary<String> patientTexts() {
        return Arbitraries.frequencyOf(
            weighted(12, Arbitraries.of("\"p-1\"", "\"p-2\"", "\"p-3\"")),
            weighted(1, Arbitraries.of("\"患者-7\"", "\"\uD83D\uDE00-emoji\"", "\"a|b\"", "\"back\\\\slash\"",
                "\"" + "x".repeat(MAX_ID_LENGTH) + "\"", "\"" + "y".repeat(MAX_ID_LENGTH + 1) + "\"", "\"\"",
                "\"   \"", "42", "null", "\"\\u0000nul\"", "\"\\ud800-lone\"")));
    }

    private static Arbitrary<Identity> identities() {
        Arbitrary<String> signals = Arbitraries.frequencyOf(
            weighted(12, Arbitraries.of(0, 1, 2).map(i -> "\"" + SIGNALS.get(i) + "\"")),
            weighted(1, Arbitraries.of("\"glucose\"", "\"\"", "\"" + "s".repeat(MAX_ID_LENGTH + 44) + "\"", "7",
                "absent")));
        Arbitrary<Integer> units = Arbitraries.frequencyOf(weighted(8, Arbitraries.just(0)),
            weighted(1, Arbitraries.of(1, 2)));
        Arbitrary<Integer> keying = Arbitraries.frequencyOf(weighted(12, Arbitraries.just(0)),
            weighted(1, Arbitraries.of(1, 2)));
        return Combinators.combine(patientTexts(), signals, units, keying).as((patient, signal, unit, keyed) -> {
            String patientId = unquoted(patient);
            String key = keyed == 0 ? patientId : keyed == 1 ? "someone-else" : null;
            int known = signal.startsWith("\"") ? SIGNALS.indexOf(signal.substring(1, signal.length() - 1)) : -1;
            String unitJson = unit == 0 ? "" : unit == 1 && known >= 0 ? "\"unit\":\"" + UNITS.get(known) + "\","
                : "\"unit\":\"mmHg\",";
            boolean unitOk = unit == 0 || (unit == 1 && known >= 0);
            boolean patientOk = patientId != null && !patientId.isBlank() && patientId.length() <= MAX_ID_LENGTH
                // a lone surrogate cannot be a record key's UTF-8, so its record never matches its key
                && !patient.contains("\\ud800");
            boolean usable = patientOk && key != null && key.equals(patientId) && known >= 0 && unitOk;
            String signalJson = signal.equals("absent") ? "" : "\"signal\":" + signal + ",";
            return new Identity(key, "\"patientId\":" + patient + ",", signalJson, unitJson, usable, known,
                shortened(patient) + "/" + shortened(signal) + (unit == 0 ? "" : " unit " + unit));
        });
    }

    /**
     * Times: near the wall clock (ordered, out of order, repeated), beyond the future limit, impossible (negative,
     * zero, year 10000, beyond epoch milliseconds) and unreadable (not present to the parser).
     */
    private static Arbitrary<Field> times() {
        Arbitrary<Field> recent = Arbitraries.longs().between(-2_500L, 1_500L).map(offset -> new Field(
            now -> Long.toString(now + offset), true, "now" + (offset >= 0 ? "+" : "") + offset + " ms"));
        Arbitrary<Field> near = Arbitraries.longs().between(-3_600_000L, 240_000L).map(offset -> new Field(
            now -> Long.toString(now + offset), true, "now" + (offset >= 0 ? "+" : "") + offset + " ms"));
        Arbitrary<Field> nearIso = Arbitraries.longs().between(-86_400_000L, 240_000L).map(offset -> new Field(
            now -> "\"" + Instant.ofEpochMilli(now + offset) + "\"", true, "ISO now" + offset + " ms"));
        Arbitrary<Field> future = Arbitraries.of(301_000L, 7_200_000L, 3_650L * 86_400_000L).map(offset ->
            new Field(now -> Long.toString(now + offset), true, "now+" + offset + " ms"));
        Arbitrary<Field> odd = Arbitraries.of(
            Field.of("0", true), Field.of("-60000", true), Field.of("1", true),
            Field.of(Long.toString(Long.MAX_VALUE), true), Field.of(Long.toString(Long.MIN_VALUE), true),
            Field.of("253402300799999", true), Field.of("253402300800000", true),
            Field.of("123456789012345678901234567890", true), Field.of("-123456789012345678901234567890", true),
            Field.of("\"1969-12-31T23:59:00Z\"", true), Field.of("\"9999-06-01T00:00:00Z\"", true),
            Field.of("\"+10000-01-01T00:00:00Z\"", true), Field.of("\"-1000000000-01-01T00:00:00Z\"", true),
            Field.of("\"+1000000000-12-31T23:59:59.999999999Z\"", true),
            Field.of("1.7e12", false), Field.of("\"yesterday\"", false), Field.of("\"2026-13-01T00:00:00Z\"", false),
            Field.of("true", false), Field.of("null", false), Field.of("{}", false), Field.of("[0]", false));
        return Arbitraries.frequencyOf(weighted(16, recent), weighted(2, near), weighted(2, nearIso),
            weighted(1, future), weighted(3, odd));
    }

    /** Nothing, mostly; sometimes an unknown field large enough to make the record too large. */
    private static Arbitrary<String> padding() {
        return Arbitraries.frequencyOf(weighted(30, Arbitraries.just("")),
            weighted(1, Arbitraries.just(",\"junk\":\"" + "x".repeat(InputLimits.DEFAULT.maxRecordBytes()) + "\"")));
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight,
                                                                        Arbitrary<? extends T> arbitrary) {
        return Tuple.of(weight, arbitrary);
    }

    /** The text of a JSON string literal without its quotes and escapes, or null when it is not a string. */
    private static String unquoted(String json) {
        if (!json.startsWith("\"")) {
            return null;
        }
        return json.substring(1, json.length() - 1).replace("\\\\", "\\").replace("\\u0000", "\u0000");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String shortened(String text) {
        return text == null ? "null" : text.length() <= 24 ? text : text.substring(0, 24) + "...(" + text.length()
            + ")";
    }
}
