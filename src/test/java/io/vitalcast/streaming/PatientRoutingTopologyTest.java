package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The topology for a readings topic of four partitions: the driver puts every record on partition 0, so the readings
 * of a patient whose partition (murmur2 of the id) is another go through the readings-by-patient repartition; they
 * must be forecast, alerted and acknowledged exactly as those of a patient already on its partition.
 */
class PatientRoutingTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0);

    private static String patientOn(boolean partitionZero) {
        for (int i = 0; ; i++) {
            String patient = "p-" + i;
            if ((ForecastTopology.partitionOf(patient, 4) == 0) == partitionZero) {
                return patient;
            }
        }
    }

    @Test
    void shouldForecastAlertAndAcknowledgeAPatientRoutedFromAnotherPartitionAsOneAlreadyOnIt() {
        topology.start(TestSettings.standard().withReadingPartitions(4));
        String local = patientOn(true);
        String routed = patientOn(false);
        for (int s = 0; s < 12; s++) {
            Instant time = T0.plusSeconds(s);
            for (String patient : List.of(local, routed)) {
                topology.send(patient, TestJson.reading(patient, "heart_rate", time, s < 6 ? 80 : s == 6 ? 130 : 150),
                    time);
            }
        }
        List<JsonNode> alerts = topology.alertTrees();
        for (String patient : List.of(local, routed)) {
            JsonNode open = alerts.stream().filter(a -> a.get("patientId").asText().equals(patient)
                && a.get("kind").asText().equals("LIMIT") && a.get("state").asText().equals("OPEN")).findFirst()
                .orElseThrow();
            topology.acknowledge(patient, TestJson.ack(open.get("alertId").asText(), patient, "ACK"),
                T0.plusSeconds(12));
        }

        List<JsonNode> forecasts = topology.forecastTrees();
        assertThat(forecasts.stream().filter(f -> f.get("patientId").asText().equals(routed)).count())
            .isEqualTo(forecasts.stream().filter(f -> f.get("patientId").asText().equals(local)).count())
            .isPositive();
        assertThat(topology.alertTrees()).filteredOn(a -> a.get("state").asText().equals("ACKNOWLEDGED"))
            .extracting(a -> a.get("patientId").asText()).containsExactlyInAnyOrder(local, routed);
        assertThat(topology.rejected().isEmpty()).isTrue();
    }
}
