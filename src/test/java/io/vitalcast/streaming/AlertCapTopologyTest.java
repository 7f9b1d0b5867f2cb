package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vitalcast.alerting.AlertDirection;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hourly cap per patient through the production topology, its budget kept in the alert-budget store. */
class AlertCapTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0).running(new StreamingSettings(Topics.defaults(),
        Map.of("rr_interval", SignalCatalog.defaults().spec("rr_interval")), null, Duration.ZERO, 0.0, 1, 1,
        Map.of("rr_interval", new ClinicalLimits(0.3, 2.0)),
        Map.of("rr_interval", new AlertPolicy(0.0, 1, 1, AlertDirection.BELOW)), 2));

    @Test
    void shouldHoldBackAlertsBeyondTheHourlyCapOfAPatientAndReportThemWithTheNextAlert() {
        long[] seconds = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 3700};
        double[] rr = {1.0, 1.0, 1.0, 1.0, 1.0, 2.5, 1.0, 2.5, 1.0, 2.5, 1.0, 2.5, 1.0, 1.0, 2.5};
        for (int i = 0; i < rr.length; i++) {
            Instant time = T0.plusSeconds(seconds[i]);
            topology.send("p-1", TestJson.reading("p-1", "rr_interval", time, rr[i]), time);
        }

        List<String> events = topology.alerts().readValuesToList();
        List<String> opens = events.stream()
            .filter(a -> a.contains("\"kind\":\"LIMIT\"") && a.contains("\"state\":\"OPEN\"")).toList();
        assertThat(events).filteredOn(a -> a.contains("\"state\":\"RESOLVED\"")).isNotEmpty()
            .allSatisfy(a -> assertThat(a).contains("Resolved: rr_interval 1.000 s is back within its limits"));
        assertThat(opens).hasSize(3);
        assertThat(opens.get(0)).contains("\"suppressed\":null", "\"lower\":null,\"upper\":null",
            "\"limitLow\":0.3,\"limitHigh\":2.0");
        assertThat(opens.get(2)).contains("\"suppressed\":2", "2 alerts of this patient held back by the hourly cap");
        assertThat(topology.registry().find("vitalcast.alerts.suppressed").tag("kind", "LIMIT").tag("reason", "cap")
            .counter().count()).isEqualTo(2);
    }
}
