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
        assertThat(parser.parse(key, source)).as(json).isEqualTo(oracle.parse(key, source));
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
