package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JSON Schemas of docs/schemas describe what the topology writes and what it reads: every record the topology
 * publishes on a run with forecasts, alerts of every clinical kind, a sensor alert and rejections validates against
 * its topic's schema, and so do the documented input examples; a record missing a field fails, so the check can fail.
 */
class RecordSchemasTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0).running(TestSettings.standard());

    private static Schema schema(String topic) throws Exception {
        return SCHEMAS.getSchema(Files.readString(Path.of("docs/schemas", topic + ".schema.json")));
    }

    private static List<String> errors(Schema schema, JsonNode record) {
        return schema.validate(record).stream().map(Error::toString).toList();
    }

    private void send(String patient, String signal, int second, double value) {
        Instant time = T0.plusSeconds(second);
        topology.send(patient, TestJson.reading(patient, signal, time, value), time);
    }

    @Test
    void shouldPublishOnlyRecordsThatTheirTopicsSchemasDescribe() throws Exception {
        int s = 0;
        for (; s < 30; s++) {
            send("p-1", "heart_rate", s, 70 + (s % 2));
            send("p-1", "spo2", s, 97);
        }
        for (double v : new double[] {90, 110, 130, 141, 141, 141, 141, 70, 70, 70}) {
            send("p-1", "heart_rate", s++, v);
        }
        send("p-1", "spo2", s++, 0);
        topology.send("p-1", "not json", T0.plusSeconds(s));
        topology.send("p-2", TestJson.reading("p-2", "heart_rate", T0.plusSeconds(s), Double.NaN), T0.plusSeconds(s));

        List<JsonNode> forecasts = topology.forecastTrees();
        List<JsonNode> alerts = topology.alertTrees();
        List<JsonNode> rejected = TestJson.trees(topology.rejected().readValuesToList());

        assertThat(forecasts).isNotEmpty();
        assertThat(alerts).extracting(a -> a.get("kind").asText()).contains("DEVIATION", "LIMIT", "SENSOR");
        assertThat(rejected).extracting(r -> r.get("reason").asText()).contains("MALFORMED", "NOT_FINITE",
            "SENSOR_OFF");
        Schema forecast = schema("forecasts");
        Schema alert = schema("alerts");
        Schema rejection = schema("rejected");
        forecasts.forEach(f -> assertThat(errors(forecast, f)).as(f.toString()).isEmpty());
        forecasts.forEach(f -> f.get("points").forEach(p -> assertThat(p.get("value").asText())
            .as("a tenth of the unit at most").matches("-?[0-9]+\\.[0-9]")));
        alerts.forEach(a -> assertThat(errors(alert, a)).as(a.toString()).isEmpty());
        rejected.forEach(r -> assertThat(errors(rejection, r)).as(r.toString()).isEmpty());
    }

    @Test
    void shouldDescribeTheInputsTheParserAccepts() throws Exception {
        Schema readings = schema("readings");
        Schema acks = schema("alert-acks");
        List<JsonNode> valid = new ArrayList<>(List.of(
            TestJson.reading("p-1", "heart_rate", T0, 72),
            TestJson.reading("p-1", "spo2", T0, 97, "%"),
            TestJson.tree("{\"patientId\":\"p-1\",\"signal\":\"ecg_heart_rate\",\"start\":1764086400000,"
                + "\"intervalMs\":1000,\"values\":[72,73,\"74\"]}")));

        valid.forEach(r -> assertThat(errors(readings, r)).as(r.toString()).isEmpty());
        assertThat(errors(readings, TestJson.tree("{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"value\":72}")))
            .as("no timestamp").isNotEmpty();
        assertThat(errors(acks, TestJson.ack("a-1", "p-1", "ACK"))).isEmpty();
        assertThat(errors(acks, TestJson.tree("{\"alertId\":\"a-1\",\"patientId\":\"p-1\",\"action\":\"SNOOZE\"}")))
            .as("a snooze without until").isNotEmpty();
    }

    @Test
    void shouldFailARecordMissingAField() throws Exception {
        JsonNode forecast = TestJson.tree("{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"unit\":\"bpm\","
            + "\"lastStepTime\":\"2026-11-25T16:00:00Z\",\"stepMs\":1000,\"points\":[],\"level\":null}");

        assertThat(errors(schema("forecasts"), forecast)).isNotEmpty();
    }
}
