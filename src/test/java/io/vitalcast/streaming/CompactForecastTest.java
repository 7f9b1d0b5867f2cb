package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.backtest.TopologySession;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.ForecastRecord;
import org.junit.jupiter.api.Test;

/**
 * The compact forecast format ({@code vitalcast.forecasts.format=compact}): what the topology publishes with it
 * validates against its schema and carries the same points as the JSON format (times implied by the step), in fewer
 * bytes.
 */
class CompactForecastTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    private static List<String> run(ForecastFormat format, List<ForecastRecord> records) {
        StreamingSettings settings = TestSettings.standard().withForecastFormat(format);
        try (TopologySession session = TopologySession.openTemporary(settings,
            ModelRegistry.load(null, settings.signals()), new VitalcastMetrics(new SimpleMeterRegistry()), T0)) {
            for (int s = 0; s < 40; s++) {
                Instant time = T0.plusSeconds(s);
                session.pipeReading("p-1", TestJson.bytes(TestJson.reading("p-1", "heart_rate", time,
                    70 + s % 4 + (s > 30 ? 20 : 0))), time);
                session.pipeReading("p-1", TestJson.bytes(TestJson.reading("p-1", "rr_interval", time,
                    0.8 + 0.01 * (s % 3))), time);
            }
            if (records != null) {
                records.addAll(session.forecastRecords().readValuesToList());
                return List.of();
            }
            return session.forecasts().readValuesToList();
        }
    }

    @Test
    void shouldPublishCompactForecastsWithTheSamePointsAsJsonInFewerBytes() throws Exception {
        List<String> compact = run(ForecastFormat.COMPACT, null);
        List<ForecastRecord> json = new ArrayList<>();
        run(ForecastFormat.JSON, json);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(Path.of("docs/schemas/forecasts-compact.schema.json")));

        assertThat(compact).hasSameSizeAs(json).isNotEmpty();
        long compactBytes = 0;
        long jsonBytes = 0;
        for (int i = 0; i < compact.size(); i++) {
            JsonNode record = TestJson.tree(compact.get(i));
            ForecastRecord expected = json.get(i);
            assertThat(schema.validate(record)).as(compact.get(i)).isEmpty();
            assertThat(record.get("signal").asText()).isEqualTo(expected.signal());
            for (int h = 0; h < expected.points().size(); h++) {
                ForecastRecord.ForecastPoint point = expected.points().get(h);
                assertThat(record.get("values").get(h).asDouble()).isEqualTo(point.value());
                if (point.upper() == null) {
                    assertThat(record.get("upper").get(h).isNull()).isTrue();
                } else {
                    assertThat(record.get("upper").get(h).asDouble()).isEqualTo(point.upper());
                }
                Instant time = expected.stepMs() == null ? Instant.parse(record.get("times").get(h).asText())
                    : Instant.parse(record.get("lastStepTime").asText()).plusMillis((h + 1) * expected.stepMs());
                assertThat(time).isEqualTo(point.timestamp());
            }
            compactBytes += compact.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            jsonBytes += new ForecastRecordSerializer().serialize("t", expected).length;
        }
        System.out.printf("CompactForecastTest: %d forecasts, JSON %.0f bytes each, compact %.0f%n", compact.size(),
            (double) jsonBytes / compact.size(), (double) compactBytes / compact.size());
        assertThat(compactBytes).isLessThan(jsonBytes * 2 / 3);
    }
}
