package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.SourceRecord;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ReadingParserTest {
    private static final Map<String, SignalSpec> SIGNALS = signals();
    /** The wall clock of these tests: 2026-12-02T12:00:00Z. */
    private static final long NOW = 1_796_212_800_000L;
    private final ReadingParser parser = new ReadingParser(SIGNALS);
    private final TreeReadingParser oracle = new TreeReadingParser(SIGNALS);

    private static Map<String, SignalSpec> signals() {
        SignalCatalog catalog = SignalCatalog.defaults();
        Map<String, SignalSpec> specs = new HashMap<>();
        catalog.names().forEach(name -> specs.put(name, catalog.spec(name)));
        return specs;
    }

    private static SourceRecord source(String json) {
        return new SourceRecord("vitals.readings", 1, 7L, 1000L, "p-1".getBytes(StandardCharsets.UTF_8),
            json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSameAsTreeParser(String key, String json) {
        SourceRecord source = source(json);
        assertThat(parser.parse(key, source, NOW, 0)).as(json).isEqualTo(oracle.parse(key, source, NOW));
    }

    private RejectedReading rejection(String json) {
        return parser.parse("p-1", source(json), NOW, 0).get(0).rejected();
    }

    private static String reading(String timestamp) {
        return "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"timestamp\":" + timestamp + ",\"value\":72}";
    }

    @Test
    void shouldRejectNegativeZeroAndUnrepresentableTimesAsBadTimestamps() {
        for (String time : List.of("-60000", "0", "\"1969-12-31T23:59:00Z\"", "\"-0001-01-01T00:00:00Z\"",
            "99999999999999999999999", "\"+1000000000-01-01T00:00:00Z\"", "253402300800000")) {
            assertThat(rejection(reading(time)).reason()).as(time).isEqualTo(RejectReason.BAD_TIMESTAMP);
        }
    }

    @Test
    void shouldRejectReadingsFurtherAheadOfTheWallClockThanTheLimitAsFutureTimestamps() {
        assertThat(rejection(reading(Long.toString(NOW + 2 * 3_600_000L))).reason())
            .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
        assertThat(rejection(reading("\"9999-12-31T00:00:00Z\"")).detail())
            .contains("ahead of the wall clock", "vitalcast.readings.max.future");
        assertThat(parser.parse("p-1", source(reading(Long.toString(NOW + 4 * 60_000L))), NOW, 0))
            .singleElement().satisfies(r -> assertThat(r.isRejected()).isFalse());
    }

    @Test
    void shouldRejectBatchSamplesWhoseTimesOverflowWithoutThrowing() {
        List<ParseResult> results = parser.parse("p-1", source("{\"patientId\":\"p-1\",\"signal\":\"heart_rate\","
            + "\"start\":" + NOW + ",\"intervalMs\":1e+18,\"values\":[70,71,72]}"), NOW, 0);

        assertThat(results).hasSize(3);
        assertThat(results.get(0).isRejected()).isFalse();
        assertThat(results.subList(1, 3)).allSatisfy(r ->
            assertThat(r.rejected().reason()).isEqualTo(RejectReason.BAD_TIMESTAMP));
    }

    @Test
    void shouldRejectAHugeRecordAsTooLargeKeepingOnlyItsFirstBytesWithItsLengthAndHash() throws Exception {
        byte[] huge = ("{\"patientId\":\"p-1\",\"junk\":\"" + "x".repeat(500_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        SourceRecord source = new SourceRecord("vitals.readings", 1, 7L, 1000L, "p-1".getBytes(StandardCharsets.UTF_8),
            huge);

        RejectedReading rejected = parser.parse("p-1", source, NOW, 0).get(0).rejected();

        assertThat(rejected.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(rejected.valueTruncated()).isTrue();
        assertThat(rejected.valueBytes()).isEqualTo(huge.length);
        assertThat(rejected.valueText()).hasSize(InputLimits.DEFAULT.maxOriginalBytes());
        assertThat(rejected.valueSha256()).isEqualTo(java.util.HexFormat.of().formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(huge)));
        byte[] json = new JsonSerde<>(RejectedReading.class).serializer().serialize("t", rejected);
        assertThat(json.length).isLessThan(64 * 1024);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"timestamp\":\"1970-01-01T00:00:01Z\"",
            "\"timestampMs\":1000");
    }

    @Test
    void shouldRejectHeadersThatMakeTheRecordTooLarge() {
        assertThat(parser.parse("p-1", source(reading(Long.toString(NOW))), NOW, 300_000)).singleElement()
            .satisfies(r -> assertThat(r.rejected().reason()).isEqualTo(RejectReason.TOO_LARGE));
    }

    @Test
    void shouldRejectVeryLongIdsAndOversizedBatchesAsTooLarge() {
        String id = "p".repeat(300);
        SourceRecord longId = new SourceRecord("vitals.readings", 1, 7L, 1000L, id.getBytes(StandardCharsets.UTF_8),
            ("{\"patientId\":\"" + id + "\",\"signal\":\"heart_rate\",\"timestamp\":" + NOW + ",\"value\":72}")
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder values = new StringBuilder("0");
        for (int i = 1; i <= InputLimits.DEFAULT.maxBatchValues(); i++) {
            values.append(",72");
        }

        assertThat(parser.parse(id, longId, NOW, 0).get(0).rejected().reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(rejection("{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"start\":" + NOW
            + ",\"intervalMs\":1000,\"values\":[" + values + "]}").reason()).isEqualTo(RejectReason.TOO_LARGE);
    }

    @Test
    void shouldReadAValidReadingWithEpochOrIsoTimestamps() {
        List<ParseResult> epoch = parser.parse("p-1", source(
            "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"timestamp\":1764086400000,\"value\":72.5}"));
        List<ParseResult> iso = parser.parse("p-1", source("{\"patientId\":\"p-1\",\"signal\":\"heart_rate\","
            + "\"timestamp\":\"2025-11-25T16:00:00.000Z\",\"value\":\"72\",\"unit\":\"bpm\",\"extra\":{\"a\":[1]}}"));

        assertThat(epoch).singleElement().satisfies(r -> {
            assertThat(r.isRejected()).isFalse();
            assertThat(r.reading().timestampMs()).isEqualTo(1764086400000L);
            assertThat(r.reading().value()).isEqualTo(72.5);
        });
        assertThat(iso).singleElement().satisfies(r -> {
            assertThat(r.isRejected()).isFalse();
            assertThat(r.reading().timestampMs()).isEqualTo(1764086400000L);
            assertThat(r.reading().value()).isEqualTo(72.0);
        });
    }

    @Test
    void shouldRejectNaNReadingsAsNotFiniteRatherThanMalformed() {
        List<ParseResult> results = parser.parse("p-1", source(
            "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"timestamp\":1,\"value\":NaN}"));

        assertThat(results).singleElement().satisfies(r ->
            assertThat(r.rejected().reason()).isEqualTo(RejectReason.NOT_FINITE));
    }

    @Test
    void shouldAgreeWithTheTreeParserOnEveryBranch() {
        String reading = "\"patientId\":\"p-1\",\"signal\":\"heart_rate\"";
        List<String> inputs = List.of(
            "{" + reading + ",\"timestamp\":1764086400000,\"value\":72.5}",
            "{" + reading + ",\"timestamp\":\"2026-11-25T16:00:00Z\",\"value\":72}",
            "{" + reading + ",\"timestamp\":\"yesterday\",\"value\":72}",
            "{" + reading + ",\"timestamp\":1.5,\"value\":72}",
            "{" + reading + ",\"timestamp\":99999999999999999999999,\"value\":72}",
            "{" + reading + ",\"timestamp\":[1],\"value\":72}",
            "{" + reading + ",\"timestamp\":1,\"value\":\" 72.5 \"}",
            "{" + reading + ",\"timestamp\":1,\"value\":\"high\"}",
            "{" + reading + ",\"timestamp\":1,\"value\":true}",
            "{" + reading + ",\"timestamp\":1,\"value\":{\"v\":1}}",
            "{" + reading + ",\"timestamp\":1,\"value\":null}",
            "{" + reading + ",\"timestamp\":1}",
            "{" + reading + ",\"value\":72}",
            "{" + reading + ",\"timestamp\":1,\"value\":Infinity}",
            "{" + reading + ",\"timestamp\":1,\"value\":-Infinity}",
            "{" + reading + ",\"timestamp\":1,\"value\":1e400}",
            "{" + reading + ",\"timestamp\":1,\"value\":400}",
            "{" + reading + ",\"timestamp\":1,\"value\":72,\"value\":73}",
            "{" + reading + ",\"timestamp\":1,\"value\":72,\"unit\":\"bpm\"}",
            "{" + reading + ",\"timestamp\":1,\"value\":72,\"unit\":\"mmHg\"}",
            "{" + reading + ",\"timestamp\":1,\"value\":72,\"unit\":5}",
            "{\"patientId\":\"p-1\",\"signal\":\"spo2\",\"timestamp\":1,\"value\":0}",
            "{\"patientId\":\"p-1\",\"signal\":\"temperature_of_the_moon\",\"timestamp\":1,\"value\":1}",
            "{\"patientId\":\"p-2\",\"signal\":\"heart_rate\",\"timestamp\":1,\"value\":72}",
            "{\"patientId\":\"\",\"signal\":\"heart_rate\",\"timestamp\":1,\"value\":72}",
            "{\"patientId\":17,\"signal\":\"heart_rate\",\"timestamp\":1,\"value\":72}",
            "{\"patientId\":\"p-1\",\"signal\":\" \",\"timestamp\":1,\"value\":72}",
            "{\"patientId\":\"p-1\",\"timestamp\":1,\"value\":72}",
            "{\"signal\":\"heart_rate\",\"timestamp\":1,\"value\":72}",
            "{" + reading + ",\"start\":1764086400000,\"intervalMs\":1000,\"values\":[72,73.5,\"74\",null,\"x\","
                + "[1],{\"a\":1},NaN,900]}",
            "{" + reading + ",\"start\":\"2026-11-25T16:00:00Z\",\"intervalMs\":\"250\",\"values\":[72]}",
            "{" + reading + ",\"start\":1,\"intervalMs\":0,\"values\":[72]}",
            "{" + reading + ",\"start\":1,\"intervalMs\":1000,\"values\":[]}",
            "{" + reading + ",\"start\":1,\"intervalMs\":1000,\"values\":72}",
            "{" + reading + ",\"start\":1,\"intervalMs\":1000,\"values\":null}",
            "{" + reading + ",\"intervalMs\":1000,\"values\":[72]}",
            "{" + reading + ",\"start\":1,\"values\":[72]}",
            "{" + reading + ",\"timestamp\":1,\"value\":72} trailing",
            "{" + reading + ",\"timestamp\":1,\"value\":72",
            "{" + reading + ",\"timestamp\":1,\"value\":72,}",
            "{" + reading + ",\"timestamp\":1,\"value\":72,\"nested\":{\"a\":[1,{\"b\":]}}",
            "this is not a reading",
            "[1,2,3]",
            "[1,2",
            "72",
            "\"text\"",
            "null",
            "",
            "   ");
        for (String input : inputs) {
            assertSameAsTreeParser("p-1", input);
        }
        assertSameAsTreeParser(null, "{" + reading + ",\"timestamp\":1,\"value\":72}");
        assertSameAsTreeParser("p-1", null);
    }

    @Test
    void shouldAgreeWithTheTreeParserOnMangledReadings() {
        String valid = "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"timestamp\":1764086400000,\"value\":72.5,"
            + "\"unit\":\"bpm\"}";
        String batch = "{\"patientId\":\"p-1\",\"signal\":\"spo2\",\"start\":1764086400000,\"intervalMs\":1000,"
            + "\"values\":[97,98.5,0,101]}";
        String alphabet = "{}[]\":,0123456789.-eENaIfinty lu";
        Well19937c random = new Well19937c(11L);
        List<String> mangled = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(i % 2 == 0 ? valid : batch);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            mangled.add(text.toString());
        }
        for (String input : mangled) {
            assertSameAsTreeParser("p-1", input);
        }
    }
}
