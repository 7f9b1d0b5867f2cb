package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.alerting.AlertDirection;
import io.vitalcast.alerting.AlertPolicy;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hourly cap per patient through the production topology, its budget kept in the alert-budget store. */
class AlertCapTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldHoldBackAlertsBeyondTheHourlyCapOfAPatientAndReportThemWithTheNextAlert() {
        StreamingSettings settings = new StreamingSettings(Topics.defaults(),
            Map.of("rr_interval", SignalCatalog.defaults().spec("rr_interval")), null, Duration.ZERO, 0.0, 1, 1,
            Map.of("rr_interval", new ClinicalLimits(0.3, 2.0)),
            Map.of("rr_interval", new AlertPolicy(0.0, 1, 1, AlertDirection.BELOW)), 2);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "vitalcast-cap-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TopologyTestDriver driver = new TopologyTestDriver(ForecasterWiring.forecaster(settings,
            new VitalcastMetrics(registry)), properties, T0)) {
            TestInputTopic<String, byte[]> readings = driver.createInputTopic("vitals.readings",
                new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<String, String> alerts = driver.createOutputTopic("vitals.alerts",
                new StringDeserializer(), new StringDeserializer());
            long[] seconds = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3700};
            double[] rr = {1.0, 1.0, 1.0, 1.0, 1.0, 2.5, 1.0, 2.5, 1.0, 2.5, 1.0, 2.5, 1.0, 1.0, 2.5};
            for (int i = 0; i < rr.length; i++) {
                Instant time = T0.plusSeconds(seconds[i]);
                readings.pipeInput("p-1", ("{\"patientId\":\"p-1\",\"signal\":\"rr_interval\",\"timestamp\":\""
                    + time + "\",\"value\":" + rr[i] + "}").getBytes(StandardCharsets.UTF_8), time);
            }

            List<String> opens = alerts.readValuesToList().stream()
                .filter(a -> a.contains("\"kind\":\"LIMIT\"") && a.contains("\"state\":\"OPEN\"")).toList();
            assertThat(opens).hasSize(3);
            assertThat(opens.get(0)).contains("\"suppressed\":null");
            assertThat(opens.get(2)).contains("\"suppressed\":2", "2 alerts of this patient held back by the hourly cap");
            assertThat(registry.find("vitalcast.alerts.suppressed").tag("kind", "LIMIT").tag("reason", "cap")
                .counter().count()).isEqualTo(2);
        }
    }
}
