package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.vitalcast.metrics.VitalcastMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signal quality through the production topology: sensor-off markers, SENSOR alerts on the topic, metrics. */
class SignalQualityTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0).running(TestSettings.standard());

    private void sendReading(String signal, int second, double value) {
        Instant time = T0.plusSeconds(second);
        topology.send("p-1", TestJson.reading("p-1", signal, time, value), time);
    }

    private double counter(String name, String... tags) {
        return topology.counter(name, tags);
    }

    @Test
    void shouldRejectASensorOffReadingAndRaiseADropoutSensorAlert() {
        sendReading("spo2", 0, 97);
        sendReading("spo2", 1, 97);
        sendReading("spo2", 2, 0);

        assertThat(topology.rejected().readValue()).contains("\"reason\":\"SENSOR_OFF\"");
        List<String> events = topology.alerts().readValuesToList();
        assertThat(events).singleElement().asString().contains("\"kind\":\"SENSOR\"", "\"state\":\"OPEN\"",
            "\"problem\":\"DROPOUT\"", "spo2 sensor reports 'not connected'", "\"observed\":null")
            .doesNotContain("NaN");
        assertThat(counter(VitalcastMetrics.QUALITY_PROBLEMS, "signal", "spo2", "problem", "DROPOUT")).isEqualTo(1);
        assertThat(counter(VitalcastMetrics.ALERTS, "kind", "SENSOR", "state", "OPEN")).isEqualTo(1);
    }

    @Test
    void shouldCountTheSecondsEachSeriesIsMonitoredButNotASilenceBetweenItsSteps() {
        for (int s = 0; s < 10; s++) {
            sendReading("spo2", s, 97);
        }
        for (int s = 1_200; s < 1_210; s++) {
            sendReading("spo2", s, 97);
        }
        topology.advanceWallClock(java.time.Duration.ofMinutes(30));

        assertThat(counter(VitalcastMetrics.MONITORED, "signal", "spo2")).as("two runs of steps 1 s apart, not the "
            + "20-minute silence between them").isEqualTo(18);
    }

    @Test
    void shouldResolveTheSensorAlertWithTheSameIdOnceTheSignalIsGoodAgain() {
        sendReading("spo2", 0, 97);
        sendReading("spo2", 1, 0);
        for (int s = 2; s < 10; s++) {
            sendReading("spo2", s, 96 + (s % 2));
        }

        List<String> events = topology.alerts().readValuesToList().stream()
            .filter(a -> a.contains("\"kind\":\"SENSOR\"")).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).contains("\"kind\":\"SENSOR\"", "\"state\":\"RESOLVED\"")
            .doesNotContain("\"problem\"");
        String id = TestJson.tree(events.get(0)).get("alertId").asText();
        assertThat(events.get(1)).contains("\"alertId\":\"" + id + "\"");
    }

    @Test
    void shouldCountQualityProblemsPerSignalAndProblemWithoutPatientLabels() {
        sendReading("heart_rate", 0, 80);
        sendReading("heart_rate", 1, 81);
        sendReading("heart_rate", 2, 170);
        sendReading("heart_rate", 3, 171);
        sendReading("heart_rate", 10, 171);

        assertThat(counter(VitalcastMetrics.QUALITY_PROBLEMS, "signal", "heart_rate", "problem",
            "IMPOSSIBLE_JUMP")).isEqualTo(1);
        assertThat(topology.registry().find(VitalcastMetrics.QUALITY_PROBLEMS).counters())
            .allSatisfy(c -> assertThat(c.getId().getTags()).noneMatch(t -> t.getValue().equals("p-1")));
    }
}
