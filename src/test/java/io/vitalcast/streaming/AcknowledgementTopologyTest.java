package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledgements through the production topology: RR intervals (one step per beat, no windowing) with limits
 * 0.3 to 2.0 s, alerts opening after one abnormal step and resolving after one normal step. The RR interval's default
 * model is the sinus-rhythm reference, so premature (short) intervals deviate and escalate.
 */
class AcknowledgementTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0).running(new StreamingSettings(Topics.defaults(),
        Map.of("rr_interval", SignalCatalog.defaults().spec("rr_interval")), null, Duration.ZERO, 0.0, 1, 1,
        Map.of("rr_interval", new ClinicalLimits(0.3, 2.0))));

    private final List<String> published = new ArrayList<>();
    private int beat;

    private void beats(double... rr) {
        for (double value : rr) {
            Instant time = T0.plusSeconds(beat++);
            topology.send("p-1", TestJson.reading("p-1", "rr_interval", time, value), time);
            published.addAll(topology.alerts().readValuesToList());
        }
    }

    private void ack(String key, JsonNode json) {
        topology.acknowledge(key, json, T0.plusSeconds(beat));
    }

    private void ack(String key, String text) {
        topology.acknowledge(key, text, T0.plusSeconds(beat));
    }

    private List<String> events(String kind) {
        return published.stream().filter(a -> field(a, "kind").equals(kind)).map(a -> field(a, "state")).toList();
    }

    private static String field(String json, String name) {
        return TestJson.tree(json).get(name).asText();
    }

    private String lastId(String kind) {
        List<String> of = published.stream().filter(a -> field(a, "kind").equals(kind)).toList();
        return field(of.get(of.size() - 1), "alertId");
    }

    private double counter(String name, String tag, String value) {
        return topology.counter(name, tag, value);
    }

    private void warmUp() {
        for (int i = 0; i < 12; i++) {
            beats(i % 2 == 0 ? 1.00 : 1.02);
        }
    }

    @Test
    void shouldEscalateAnUnacknowledgedDeviationThatCrossesTheClinicalLimit() {
        warmUp();
        beats(0.80, 0.25, 1.00);

        assertThat(events("DEVIATION")).containsExactly("OPEN", "UPDATE", "RESOLVED");
    }

    @Test
    void shouldNotEscalateAnAcknowledgedDeviationButStillResolveIt() {
        warmUp();
        beats(0.80);
        assertThat(events("DEVIATION")).containsExactly("OPEN");
        ack("p-1", TestJson.ack(lastId("DEVIATION"), "p-1", "ACK").put("by", "nurse-7"));
        beats(0.25, 1.00);

        assertThat(events("DEVIATION")).containsExactly("OPEN", "ACKNOWLEDGED", "RESOLVED");
        assertThat(published).filteredOn(a -> field(a, "state").equals("ACKNOWLEDGED")).singleElement()
            .satisfies(a -> {
                assertThat(field(a, "message")).isEqualTo("Acknowledged by nurse-7");
                assertThat(field(a, "signal")).isEqualTo("rr_interval");
                assertThat(field(a, "alertId")).isEqualTo(lastId("DEVIATION"));
            });
        assertThat(topology.rejected().isEmpty()).isTrue();
        assertThat(counter("vitalcast.alert.acks", "outcome", "accepted")).isEqualTo(1);
        assertThat(counter("vitalcast.alerts.suppressed", "reason", "acknowledged")).isEqualTo(1);
    }

    @Test
    void shouldNotReopenASnoozedLimitAlertUntilTheSnoozeEnds() {
        warmUp();
        beats(2.5);
        assertThat(events("LIMIT")).containsExactly("OPEN");
        ack("p-1", TestJson.ack(lastId("LIMIT"), "p-1", "SNOOZE").put("until", T0.plusSeconds(beat + 4).toString()));
        beats(1.0, 2.5, 1.0, 2.5);
        assertThat(events("LIMIT")).containsExactly("OPEN", "SNOOZED", "RESOLVED");

        beats(2.5);
        assertThat(events("LIMIT")).containsExactly("OPEN", "SNOOZED", "RESOLVED", "OPEN");
        assertThat(counter("vitalcast.alerts.suppressed", "reason", "snoozed")).isEqualTo(2);
        assertThat(events("PREDICTED_LIMIT")).as("a snoozed limit is not announced as a predicted one").isEmpty();
    }

    @Test
    void shouldReopenALimitAlertWithoutASnooze() {
        warmUp();
        beats(2.5, 1.0, 2.5);

        assertThat(events("LIMIT")).containsExactly("OPEN", "RESOLVED", "OPEN");
    }

    @Test
    void shouldNotReopenASnoozedSensorAlertUntilTheSnoozeEnds() {
        warmUp();
        beats(3.0);
        assertThat(events("SENSOR")).containsExactly("OPEN");
        ack("p-1", TestJson.ack(lastId("SENSOR"), "p-1", "SNOOZE").put("until", T0.plusSeconds(beat + 10).toString()));
        beats(1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(events("SENSOR")).containsExactly("OPEN", "SNOOZED", "RESOLVED");

        beats(3.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(events("SENSOR")).as("held back by the snooze").containsExactly("OPEN", "SNOOZED", "RESOLVED");
        assertThat(events("LIMIT")).as("a held-back SENSOR alert still freezes clinical ones").isEmpty();
        assertThat(counter("vitalcast.alerts.suppressed", "reason", "snoozed")).isEqualTo(1);

        beats(3.0);
        assertThat(events("SENSOR")).containsExactly("OPEN", "SNOOZED", "RESOLVED", "OPEN");
        assertThat(topology.rejected().isEmpty()).isTrue();
    }

    @Test
    void shouldRejectInvalidAcknowledgementsWithTheirReason() {
        warmUp();
        beats(2.5);
        String id = lastId("LIMIT");
        ack("p-1", "not json");
        ack("p-1", TestJson.object("patientId", "p-1", "action", "ACK"));
        ack("p-1", TestJson.ack(id, "p-1", "SILENCE"));
        ack("p-1", TestJson.ack(id, "p-1", "SNOOZE"));
        ack("p-1", TestJson.ack(id, "p-1", "SNOOZE").put("until", "soon"));
        ack("p-2", TestJson.ack(id, "p-1", "ACK"));
        ack("p-1", TestJson.ack("no-such-alert", "p-1", "ACK"));
        ack("p-1", TestJson.ack(id, "p-1", "snooze").put("until", T0.plusSeconds(600).toEpochMilli()));

        List<String> reasons = topology.rejected().readValuesToList().stream().map(r -> field(r, "reason")).toList();
        assertThat(reasons).containsExactly("MALFORMED", "MISSING_FIELD", "INVALID_ACK", "MISSING_FIELD",
            "INVALID_ACK", "KEY_MISMATCH", "UNKNOWN_ALERT");
        assertThat(counter("vitalcast.rejected", "reason", "INVALID_ACK")).isEqualTo(2);
        assertThat(counter("vitalcast.alert.acks", "outcome", "rejected")).isEqualTo(7);
        assertThat(counter("vitalcast.alert.acks", "action", "SNOOZE")).isEqualTo(1);
    }
}
