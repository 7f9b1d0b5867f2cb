package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production topology, built by the same method as in production, driven by TopologyTestDriver. */
class ForecastTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0).running(TestSettings.standard())
        .watching("p-watched");

    private void send(String patient, String json) {
        topology.send(patient, json, T0);
    }

    private void sendReading(String patient, String signal, Instant time, double value) {
        topology.send(patient, TestJson.reading(patient, signal, time, value), T0);
    }

    private static String reasonOf(String json) {
        return field(json, "reason");
    }

    private static String field(String json, String name) {
        return TestJson.tree(json).get(name).asText();
    }

    private double counter(String name, String tag, String value) {
        return topology.counter(name, tag, value);
    }

    @Test
    void shouldRejectBytesThatAreNotJsonKeepingTheOriginalBytesAndSource() {
        byte[] garbage = {(byte) 0xff, 0x00, 'x'};
        topology.readings().pipeInput("p-1", garbage, T0);

        var record = topology.rejected().readKeyValue();
        assertThat(reasonOf(record.value)).isEqualTo("MALFORMED");
        assertThat(record.value).contains("\"sourceTopic\":\"vitals.readings\"", "\"offset\":0",
            "\"valueBase64\":\"" + Base64.getEncoder().encodeToString(garbage) + "\"");
        assertThat(counter("vitalcast.rejected", "reason", "MALFORMED")).isEqualTo(1);
    }

    @Test
    void shouldRejectNaNReadings() {
        send("p-1", "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"timestamp\":\"" + T0 + "\",\"value\":NaN}");

        assertThat(reasonOf(topology.rejected().readValue())).isEqualTo("NOT_FINITE");
        assertThat(counter("vitalcast.rejected", "reason", "NOT_FINITE")).isEqualTo(1);
    }

    @Test
    void shouldRejectEachInvalidReadingWithItsReason() {
        topology.send("p-1", TestJson.object("patientId", "p-1", "signal", "heart_rate", "value", 70), T0);
        sendReading("p-1", "glucose", T0, 5);
        sendReading("p-1", "heart_rate", T0, 400);
        sendReading("p-1", "spo2", T0, 0);
        topology.send("p-2", TestJson.reading("p-1", "heart_rate", T0, 70), T0);
        topology.send("p-1", TestJson.reading("p-1", "heart_rate", T0, 70, "Hz"), T0);
        send("p-1", "[1,2,3]");

        assertThat(topology.rejected().readValuesToList()).extracting(ForecastTopologyTest::reasonOf).containsExactly(
            "MISSING_FIELD", "UNKNOWN_SIGNAL", "OUT_OF_RANGE", "SENSOR_OFF", "KEY_MISMATCH", "WRONG_UNIT",
            "MALFORMED");
        assertThat(counter("vitalcast.readings", "outcome", "rejected")).isEqualTo(7);
    }

    @Test
    void shouldForecastEveryClosedStepWithTheBaselineWhenNoModelExists() {
        for (int s = 0; s < 20; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70 + (s % 3));
        }

        List<String> published = topology.forecasts().readValuesToList();
        assertThat(published).hasSize(17);
        assertThat(published.get(0)).contains("\"patientId\":\"p-1\"", "\"kind\":\"baseline\"",
            "\"name\":\"persistence\"", "\"lastStepTime\":\"2026-11-25T16:00:00Z\"", "\"stepMs\":1000",
            "\"lower\":null");
        assertThat(published.get(16)).contains("\"lastStepTime\":\"2026-11-25T16:00:16Z\"").doesNotContain(
            "\"lower\":null");
        assertThat(counter("vitalcast.forecasts", "signal", "heart_rate")).isEqualTo(17);
    }

    @Test
    void shouldAverageReadingsWithinAStep() {
        sendReading("p-1", "heart_rate", T0.plusMillis(100), 60);
        sendReading("p-1", "heart_rate", T0.plusMillis(600), 80);
        sendReading("p-1", "heart_rate", T0.plusSeconds(5), 70);

        assertThat(topology.forecasts().readValue()).contains("\"lastStepTime\":\"2026-11-25T16:00:00Z\"",
            "\"value\":70.0");
    }

    @Test
    void shouldRejectReadingsArrivingAfterTheirStepClosedAsLate() {
        for (int s = 0; s < 10; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70);
        }
        sendReading("p-1", "heart_rate", T0.plusSeconds(2), 99);

        assertThat(reasonOf(topology.rejected().readValue())).isEqualTo("LATE");
        assertThat(topology.forecasts().readValuesToList()).noneMatch(f -> f.contains("99.0"));
        assertThat(counter("vitalcast.rejected", "reason", "LATE")).isEqualTo(1);
        assertThat(topology.registry().get("vitalcast.readings").tag("signal", "heart_rate").tag("outcome", "rejected")
            .counter().count()).isEqualTo(1);
    }

    @Test
    void shouldStillPublishEveryOpenStepWhenStreamTimeJumpsFarBeyondTheWindowRetention() {
        for (int s = 0; s < 5; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70);
            sendReading("p-2", "heart_rate", T0.plusSeconds(s), 80);
        }
        // the partition falls silent for two hours of wall-clock time, then p-1 sends again
        topology.send("p-1", TestJson.reading("p-1", "heart_rate", T0.plusSeconds(7200), 70), T0.plusSeconds(7200));

        List<String> published = topology.forecasts().readValuesToList();
        for (String patient : List.of("p-1", "p-2")) {
            assertThat(published).as("the last step of %s before the jump", patient).anyMatch(f -> f.contains(
                "\"patientId\":\"" + patient + "\"") && f.contains("\"lastStepTime\":\"2026-11-25T16:00:04Z\""));
        }
    }

    @Test
    void shouldNotLetAPatientWhoseClockIsAheadCloseAnotherPatientsSteps() {
        // a monitor four minutes fast (within the future limit) on the same partition, before everyone else
        topology.send("p-fast", TestJson.reading("p-fast", "heart_rate", T0.plusSeconds(240), 70), T0);
        for (int s = 0; s < 10; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70);
        }
        sendReading("p-fast", "heart_rate", T0.plusSeconds(10), 71);

        List<String> rejected = topology.rejected().readValuesToList();
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(reasonOf(r)).isEqualTo("LATE");
            assertThat(field(r, "patientId")).isEqualTo("p-fast");
        });
        assertThat(topology.forecasts().readValuesToList()).filteredOn(f -> f.contains("\"patientId\":\"p-1\""))
            .hasSize(7);
    }

    @Test
    void shouldForecastTheLastStepOfASeriesThatFallsSilent() {
        for (int s = 0; s < 5; s++) {
            topology.send("p-1", TestJson.reading("p-1", "heart_rate", T0.plusSeconds(s), 70), T0.plusSeconds(s));
        }
        assertThat(topology.forecasts().readValuesToList()).hasSize(2);

        topology.advanceWallClock(java.time.Duration.ofSeconds(10));

        assertThat(topology.forecasts().readValuesToList()).extracting(f -> field(f, "lastStepTime"))
            .containsExactly("2026-11-25T16:00:02Z", "2026-11-25T16:00:03Z", "2026-11-25T16:00:04Z");
    }

    @Test
    void shouldTimestampEveryOutputWithTheWallClockSoThatABackfillOutlivesTheTopicRetention() {
        Instant monthAgo = T0.minus(java.time.Duration.ofDays(30));
        for (int s = 0; s < 10; s++) {
            topology.send("p-1", TestJson.reading("p-1", "heart_rate", monthAgo.plusSeconds(s), s < 8 ? 70 : 150),
                T0);
        }
        topology.send("p-1", TestJson.reading("p-1", "heart_rate", monthAgo.plusSeconds(1), 70), T0);

        List<org.apache.kafka.streams.test.TestRecord<String, String>> outputs = new java.util.ArrayList<>();
        outputs.addAll(topology.forecasts().readRecordsToList());
        outputs.addAll(topology.alerts().readRecordsToList());
        outputs.addAll(topology.rejected().readRecordsToList());
        assertThat(outputs).hasSizeGreaterThan(7).allSatisfy(r -> assertThat(r.timestamp())
            .isEqualTo(T0.toEpochMilli()));
    }

    @Test
    void shouldAcceptALateReadingWithinTheGracePeriod() {
        sendReading("p-1", "heart_rate", T0.plusSeconds(0), 70);
        sendReading("p-1", "heart_rate", T0.plusSeconds(2), 70);
        sendReading("p-1", "heart_rate", T0.plusMillis(1500), 90);
        sendReading("p-1", "heart_rate", T0.plusSeconds(10), 70);

        assertThat(topology.rejected().isEmpty()).isTrue();
        assertThat(topology.forecasts().readValuesToList())
            .anyMatch(f -> f.contains("\"lastStepTime\":\"2026-11-25T16:00:01Z\"") && f.contains("\"value\":90.0"));
    }

    @Test
    void shouldSplitAWaveformBatchIntoReadings() {
        topology.send("p-1", TestJson.batch("p-1", "heart_rate", T0, 500, 70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90,
            92, 94, 500), T0);

        assertThat(topology.forecasts().readValuesToList()).hasSize(4).first().asString().contains("\"value\":71.0");
        assertThat(reasonOf(topology.rejected().readValue())).isEqualTo("OUT_OF_RANGE");
    }

    @Test
    void shouldOpenAndResolveALimitAlertWithAStableId() {
        double[] values = {80, 80, 125, 150, 155, 160, 120, 80, 80, 80, 80, 80};
        for (int s = 0; s < values.length; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), values[s]);
        }

        List<String> events = topology.alerts().readValuesToList().stream()
            .filter(a -> a.contains("\"kind\":\"LIMIT\"")).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).contains("\"state\":\"OPEN\"", "\"severity\":\"CRITICAL\"", "\"observed\":155.0",
            "above the high limit 140");
        assertThat(events.get(1)).contains("\"state\":\"RESOLVED\"");
        String id = field(events.get(0), "alertId");
        assertThat(events.get(1)).contains("\"alertId\":\"" + id + "\"");
    }

    @Test
    void shouldOpenEscalateAndResolveADeviationAlertAgainstTheForecast() {
        int s = 0;
        for (; s < 30; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70 + (s % 2));
        }
        double[] excursion = {90, 110, 130};
        for (double v : excursion) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s++), v);
        }
        for (int i = 0; i < 8; i++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s++), 130);
        }

        List<String> deviation = topology.alerts().readValuesToList().stream()
            .filter(a -> a.contains("\"kind\":\"DEVIATION\"")).toList();
        assertThat(deviation).extracting(a -> field(a, "state"))
            .containsExactly("OPEN", "RESOLVED");
        assertThat(deviation.get(0)).contains("\"expected\":90.0", "above the forecast");
    }

    /** A steady heart rate, a rise, then a jump to {@code jump} bpm held; the DEVIATION events of it. */
    private List<String> deviationEventsOfAJumpTo(double jump) {
        int s = 0;
        for (; s < 30; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70 + (s % 2));
        }
        double[] values = {74, 78, 82, jump, jump, jump, jump, jump, jump};
        for (double v : values) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s++), v);
        }
        return topology.alerts().readValuesToList().stream()
            .filter(a -> a.contains("\"kind\":\"DEVIATION\"")).toList();
    }

    @Test
    void shouldUpdateAnOpenAlertToCriticalWhenTheValueCrossesTheClinicalLimit() {
        List<String> deviation = deviationEventsOfAJumpTo(141);

        assertThat(deviation).extracting(a -> field(a, "state"))
            .containsExactly("OPEN", "UPDATE", "RESOLVED");
        assertThat(deviation.get(0)).contains("\"severity\":\"WARNING\"");
        assertThat(deviation.get(1)).contains("\"severity\":\"CRITICAL\"", "\"observed\":141.0");
        String id = field(deviation.get(0), "alertId");
        assertThat(deviation).allSatisfy(a -> assertThat(a).contains("\"alertId\":\"" + id + "\""));
    }

    @Test
    void shouldKeepASurprisingValueWithinTheClinicalLimitsAWarning() {
        List<String> deviation = deviationEventsOfAJumpTo(112);

        assertThat(deviation).extracting(a -> field(a, "state")).containsExactly("OPEN", "RESOLVED");
        assertThat(deviation).allSatisfy(a -> assertThat(a).contains("\"severity\":\"WARNING\""));
    }

    @Test
    void shouldBridgeShortGapsAndRestartAfterLongGapsWithoutScoringAcrossThem() {
        for (int s = 0; s < 20; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70 + (s % 2));
        }
        for (int s = 23; s < 30; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 70 + (s % 2));
        }
        for (int s = 60; s < 70; s++) {
            sendReading("p-1", "heart_rate", T0.plusSeconds(s), 110);
        }

        List<String> published = topology.forecasts().readValuesToList();
        assertThat(published).anyMatch(f -> f.contains("\"lastStepTime\":\"2026-11-25T16:00:23Z\""));
        assertThat(published).anyMatch(f -> f.contains("\"lastStepTime\":\"2026-11-25T16:01:00Z\"")
            && f.contains("\"value\":110.0"));
        assertThat(topology.alerts().readValuesToList()).noneMatch(a -> a.contains("\"kind\":\"DEVIATION\""));
    }

    @Test
    void shouldForecastAnEventDrivenSignalPerReadingAndRejectOutOfOrderBeats() {
        for (int beat = 0; beat < 5; beat++) {
            sendReading("p-1", "rr_interval", T0.plusMillis(800L * beat), 0.8);
        }
        sendReading("p-1", "rr_interval", T0.plusMillis(1000), 0.4);

        List<String> published = topology.forecasts().readValuesToList();
        assertThat(published).as("one per beat once the sinus reference has its warm-up beats").hasSize(2);
        assertThat(published.get(1)).contains("\"stepMs\":null", "\"timestamp\":\"2026-11-25T16:00:04Z\"",
            "\"name\":\"sinus-rhythm\"");
        assertThat(reasonOf(topology.rejected().readValue())).isEqualTo("LATE");
    }

    @Test
    void shouldDeclareTheQualityAndAlertPolicyCountersAtZeroBeforeAnyEvent() {
        assertThat(topology.registry().get("vitalcast.quality.problems").tag("signal", "spo2").tag("problem", "DROPOUT")
            .counter().count()).isZero();
        assertThat(topology.registry().get("vitalcast.alerts.suppressed").tag("kind", "DEVIATION").tag("reason", "cap")
            .counter().count()).isZero();
        assertThat(topology.registry().get("vitalcast.alert.acks").tag("action", "SNOOZE").tag("outcome", "accepted")
            .counter().count()).isZero();
    }

    @Test
    void shouldExportTheLatestValueAndForecastOfWatchedPatientsOnly() {
        for (int s = 0; s < 8; s++) {
            sendReading("p-watched", "heart_rate", T0.plusSeconds(s), 70 + s);
            sendReading("p-other", "heart_rate", T0.plusSeconds(s), 90);
        }

        assertThat(topology.registry().get("vitalcast.watched.value").tag("patient", "p-watched").gauge().value())
            .isEqualTo(74.0);
        assertThat(topology.registry().get("vitalcast.watched.forecast").tag("patient", "p-watched").gauge().value())
            .isEqualTo(74.0);
        assertThat(topology.registry().find("vitalcast.watched.value").tag("patient", "p-other").gauge()).isNull();
        assertThat(topology.registry().getMeters()).allSatisfy(m -> assertThat(m.getId().getTags())
            .noneMatch(t -> t.getValue().equals("p-other")));
    }

    @Test
    void shouldKeyEveryOutputByPatientId() {
        for (int s = 0; s < 10; s++) {
            sendReading("p-7", "spo2", T0.plusSeconds(s), s < 2 ? 97 : 85);
        }

        assertThat(topology.forecasts().readKeyValuesToList()).allSatisfy(kv -> assertThat(kv.key).isEqualTo("p-7"));
        assertThat(topology.alerts().readKeyValuesToList()).isNotEmpty()
            .allSatisfy(kv -> assertThat(kv.key).isEqualTo("p-7"));
    }

}
