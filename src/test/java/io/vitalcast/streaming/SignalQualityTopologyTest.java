package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/** Signal quality through the production topology: sensor-off markers, SENSOR alerts on the topic, metrics. */
class SignalQualityTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> readings;
    private TestOutputTopic<String, String> alerts;
    private TestOutputTopic<String, String> rejected;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "vitalcast-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        registry = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(ForecasterWiring.forecaster(TestSettings.standard(),
            new VitalcastMetrics(registry)), properties, T0);
        readings = driver.createInputTopic("vitals.readings", new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic("vitals.alerts", new StringDeserializer(), new StringDeserializer());
        rejected = driver.createOutputTopic("vitals.rejected", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void sendReading(String signal, int second, double value) {
        Instant time = T0.plusSeconds(second);
        readings.pipeInput("p-1", ("{\"patientId\":\"p-1\",\"signal\":\"" + signal + "\",\"timestamp\":\"" + time
            + "\",\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8), time);
    }

    private double counter(String name, String... tags) {
        var search = registry.find(name);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldRejectASensorOffReadingAndRaiseADropoutSensorAlert() {
        sendReading("spo2", 0, 97);
        sendReading("spo2", 1, 97);
        sendReading("spo2", 2, 0);

        assertThat(rejected.readValue()).contains("\"reason\":\"SENSOR_OFF\"");
        List<String> events = alerts.readValuesToList();
        assertThat(events).singleElement().asString().contains("\"kind\":\"SENSOR\"", "\"state\":\"OPEN\"",
            "\"problem\":\"DROPOUT\"", "spo2 sensor reports 'not connected'");
        assertThat(counter(VitalcastMetrics.QUALITY_PROBLEMS, "signal", "spo2", "problem", "DROPOUT")).isEqualTo(1);
        assertThat(counter(VitalcastMetrics.ALERTS, "kind", "SENSOR", "state", "OPEN")).isEqualTo(1);
    }

    @Test
    void shouldResolveTheSensorAlertWithTheSameIdOnceTheSignalIsGoodAgain() {
        sendReading("spo2", 0, 97);
        sendReading("spo2", 1, 0);
        for (int s = 2; s < 10; s++) {
            sendReading("spo2", s, 96 + (s % 2));
        }

        List<String> events = alerts.readValuesToList().stream().filter(a -> a.contains("\"kind\":\"SENSOR\""))
            .toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).contains("\"kind\":\"SENSOR\"", "\"state\":\"RESOLVED\"")
            .doesNotContain("\"problem\"");
        String id = events.get(0).replaceAll(".*\"alertId\":\"([^\"]+)\".*", "$1");
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
        assertThat(registry.find(VitalcastMetrics.QUALITY_PROBLEMS).counters())
            .allSatisfy(c -> assertThat(c.getId().getTags()).noneMatch(t -> t.getValue().equals("p-1")));
    }
}
