package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgements through the production topology: RR intervals (one step per beat, no windowing) with limits
 * 0.3 to 2.0 s, alerts opening after one abnormal step and resolving after one normal step. The RR interval's default
 * model is the sinus-rhythm reference, so premature (short) intervals deviate and escalate.
 */
class AcknowledgementTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> readings;
    private TestInputTopic<String, byte[]> acks;
    private TestOutputTopic<String, String> alerts;
    private TestOutputTopic<String, String> rejected;
    private SimpleMeterRegistry registry;
    private final List<String> published = new ArrayList<>();
    private int beat;

    @BeforeEach
    void startDriver() {
        StreamingSettings settings = new StreamingSettings(Topics.defaults(),
            Map.of("rr_interval", SignalCatalog.defaults().spec("rr_interval")), null, Duration.ZERO, 0.0, 1, 1,
            Map.of("rr_interval", new ClinicalLimits(0.3, 2.0)));
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "vitalcast-ack-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        registry = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(ForecasterWiring.forecaster(settings, new VitalcastMetrics(registry)), properties,
            T0);
        readings = driver.createInputTopic("vitals.readings", new StringSerializer(), new ByteArraySerializer());
        acks = driver.createInputTopic("vitals.alert-acks", new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic("vitals.alerts", new StringDeserializer(), new StringDeserializer());
        rejected = driver.createOutputTopic("vitals.rejected", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void beats(double... rr) {
        for (double value : rr) {
            Instant time = T0.plusSeconds(beat++);
            readings.pipeInput("p-1", ("{\"patientId\":\"p-1\",\"signal\":\"rr_interval\",\"timestamp\":\"" + time
                + "\",\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8), time);
            published.addAll(alerts.readValuesToList());
        }
    }

    private void ack(String key, String json) {
        acks.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(beat));
    }

    private List<String> events(String kind) {
        return published.stream().filter(a -> a.contains("\"kind\":\"" + kind + "\""))
            .map(a -> field(a, "state")).toList();
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    private String lastId(String kind) {
        List<String> of = published.stream().filter(a -> a.contains("\"kind\":\"" + kind + "\"")).toList();
        return field(of.get(of.size() - 1), "alertId");
    }

    private double counter(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private void warmUp() {
        for (int i = 0; i < 12; i++) {
            beats(i % 2 == 0 ? 1.00 : 1.02);
        }
    }

    @Test
    void shouldEscalateAnUnacknowledgedDeviation() {
        warmUp();
        beats(0.80, 0.50, 1.00);

        assertThat(events("DEVIATION")).containsExactly("OPEN", "UPDATE", "RESOLVED");
    }

    @Test
    void shouldNotEscalateAnAcknowledgedDeviationButStillResolveIt() {
        warmUp();
        beats(0.80);
        assertThat(events("DEVIATION")).containsExactly("OPEN");
        ack("p-1", "{\"alertId\":\"" + lastId("DEVIATION") + "\",\"patientId\":\"p-1\",\"action\":\"ACK\","
            + "\"by\":\"nurse-7\"}");
        beats(0.50, 1.00);

        assertThat(events("DEVIATION")).containsExactly("OPEN", "RESOLVED");
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(counter("vitalcast.alert.acks", "outcome", "accepted")).isEqualTo(1);
        assertThat(counter("vitalcast.alerts.suppressed", "reason", "acknowledged")).isEqualTo(1);
    }

    @Test
    void shouldNotReopenASnoozedLimitAlertUntilTheSnoozeEnds() {
        warmUp();
        beats(2.5);
        assertThat(events("LIMIT")).containsExactly("OPEN");
        ack("p-1", "{\"alertId\":\"" + lastId("LIMIT") + "\",\"patientId\":\"p-1\",\"action\":\"SNOOZE\","
            + "\"until\":\"" + T0.plusSeconds(beat + 4) + "\"}");
        beats(1.0, 2.5, 1.0, 2.5);
        assertThat(events("LIMIT")).containsExactly("OPEN", "RESOLVED");

        beats(2.5);
        assertThat(events("LIMIT")).containsExactly("OPEN", "RESOLVED", "OPEN");
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
        ack("p-1", "{\"alertId\":\"" + lastId("SENSOR") + "\",\"patientId\":\"p-1\",\"action\":\"SNOOZE\","
            + "\"until\":\"" + T0.plusSeconds(beat + 10) + "\"}");
        beats(1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(events("SENSOR")).containsExactly("OPEN", "RESOLVED");

        beats(3.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(events("SENSOR")).as("held back by the snooze").containsExactly("OPEN", "RESOLVED");
        assertThat(events("LIMIT")).as("a held-back SENSOR alert still freezes clinical ones").isEmpty();
        assertThat(counter("vitalcast.alerts.suppressed", "reason", "snoozed")).isEqualTo(1);

        beats(3.0);
        assertThat(events("SENSOR")).containsExactly("OPEN", "RESOLVED", "OPEN");
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void shouldRejectInvalidAcknowledgementsWithTheirReason() {
        warmUp();
        beats(2.5);
        String id = lastId("LIMIT");
        ack("p-1", "not json");
        ack("p-1", "{\"patientId\":\"p-1\",\"action\":\"ACK\"}");
        ack("p-1", "{\"alertId\":\"" + id + "\",\"patientId\":\"p-1\",\"action\":\"SILENCE\"}");
        ack("p-1", "{\"alertId\":\"" + id + "\",\"patientId\":\"p-1\",\"action\":\"SNOOZE\"}");
        ack("p-1", "{\"alertId\":\"" + id + "\",\"patientId\":\"p-1\",\"action\":\"SNOOZE\",\"until\":\"soon\"}");
        ack("p-2", "{\"alertId\":\"" + id + "\",\"patientId\":\"p-1\",\"action\":\"ACK\"}");
        ack("p-1", "{\"alertId\":\"no-such-alert\",\"patientId\":\"p-1\",\"action\":\"ACK\"}");
        ack("p-1", "{\"alertId\":\"" + id + "\",\"patientId\":\"p-1\",\"action\":\"snooze\",\"until\":"
            + T0.plusSeconds(600).toEpochMilli() + "}");

        List<String> reasons = rejected.readValuesToList().stream().map(r -> field(r, "reason")).toList();
        assertThat(reasons).containsExactly("MALFORMED", "MISSING_FIELD", "INVALID_ACK", "MISSING_FIELD",
            "INVALID_ACK", "KEY_MISMATCH", "UNKNOWN_ALERT");
        assertThat(counter("vitalcast.rejected", "reason", "INVALID_ACK")).isEqualTo(2);
        assertThat(counter("vitalcast.alert.acks", "outcome", "rejected")).isEqualTo(7);
        assertThat(counter("vitalcast.alert.acks", "action", "SNOOZE")).isEqualTo(1);
    }
}
