package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.forecasting.IntervalEstimator;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.forecasting.ModelKind;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.WindowModel;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The records that once stopped the stream thread (and, read again by every restart, kept the service down for every
 * patient), each sent through the production topology between ordinary readings of another patient: each ends as one
 * rejection with its reason, and the other patient's forecasts go on.
 */
class PoisonPillTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");

    @RegisterExtension
    final TopologyHarness topology = TopologyHarness.startingAt(T0);

    /** A heart-rate model with a bug: it throws for a history ending at 66 bpm. */
    private record BuggyModel() implements WindowModel {
        @Override
        public ModelInfo info() {
            return new ModelInfo("buggy", "test", "lstm");
        }

        @Override
        public ModelKind kind() {
            return ModelKind.LSTM;
        }

        @Override
        public int window() {
            return 1;
        }

        @Override
        public int horizon() {
            return 3;
        }

        @Override
        public IntervalEstimator intervals() {
            return IntervalEstimator.fixed(new double[] {1, 2, 3}, 0.9);
        }

        @Override
        public double[] forecast(double[] history) {
            if (history[history.length - 1] == 66) {
                throw new IllegalStateException("a bug meeting 66 bpm");
            }
            return new double[] {history[0], history[0], history[0]};
        }
    }

    private void sendNormal(String patient, int second) {
        Instant time = T0.plusSeconds(second);
        topology.send(patient, TestJson.reading(patient, "heart_rate", time, 80), time);
    }

    private long forecastsOf(List<JsonNode> forecasts, String patient) {
        return forecasts.stream().filter(f -> f.get("patientId").asText().equals(patient)).count();
    }

    @Test
    void shouldRejectEachRecordThatOnceStoppedTheStreamAndGoOnForecastingForTheOthers() {
        topology.start(TestSettings.standard());
        long now = T0.toEpochMilli();
        String reading = "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"value\":72,\"timestamp\":";
        Map<String, RejectReason> poison = new java.util.LinkedHashMap<>();
        poison.put(reading + "-60000}", RejectReason.BAD_TIMESTAMP);
        poison.put(reading + "\"1969-12-31T23:59:00Z\"}", RejectReason.BAD_TIMESTAMP);
        poison.put(reading + (now + 2 * 3_600_000L) + "}", RejectReason.FUTURE_TIMESTAMP);
        poison.put(reading + "\"9999-06-01T00:00:00Z\"}", RejectReason.FUTURE_TIMESTAMP);
        poison.put("{\"patientId\":\"p-1\",\"junk\":\"" + "x".repeat(1_000_000) + "\"}", RejectReason.TOO_LARGE);
        poison.put("{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"start\":" + now
            + ",\"intervalMs\":1e+18,\"values\":[72,73]}", RejectReason.BAD_TIMESTAMP);

        int second = 0;
        for (Map.Entry<String, RejectReason> pill : poison.entrySet()) {
            sendNormal("p-2", second++);
            topology.send("p-1", pill.getKey(), T0.plusSeconds(second));
            List<JsonNode> rejected = TestJson.trees(topology.rejected().readValuesToList());
            assertThat(rejected).as(pill.getValue().name()).anySatisfy(r ->
                assertThat(r.get("reason").asText()).isEqualTo(pill.getValue().name()));
        }
        for (int i = 0; i < 5; i++) {
            sendNormal("p-2", second++);
        }

        assertThat(forecastsOf(topology.forecastTrees(), "p-2")).isGreaterThanOrEqualTo(poison.size());
    }

    @Test
    void shouldCountAnRrIntervalItsSeriesFindsLateAsRejectedOnly() {
        topology.start(TestSettings.standard());
        Instant time = T0.plusSeconds(10);
        topology.send("p-1", TestJson.reading("p-1", "rr_interval", time, 0.8), time);
        topology.send("p-1", TestJson.reading("p-1", "rr_interval", time.minusSeconds(5), 0.8), time);

        assertThat(topology.rejectedTrees()).singleElement()
            .satisfies(r -> assertThat(r.get("reason").asText()).isEqualTo("LATE"));
        assertThat(topology.counter("vitalcast.readings", "signal", "rr_interval", "outcome", "accepted"))
            .isEqualTo(1);
        assertThat(topology.counter("vitalcast.readings", "signal", "rr_interval", "outcome", "rejected"))
            .isEqualTo(1);
    }

    @Test
    void shouldKeepEveryOutputTimestampWithinWhatTheBrokerAccepts() {
        topology.start(TestSettings.standard());
        long now = T0.toEpochMilli();
        for (int s = 0; s < 10; s++) {
            sendNormal("p-2", s);
            topology.send("p-1", "{\"patientId\":\"p-1\",\"signal\":\"heart_rate\",\"value\":72,\"timestamp\":"
                + (now + 4 * 60_000L + s * 1000) + "}", T0.plusSeconds(s));
        }

        List<TestRecord<String, String>> outputs = new java.util.ArrayList<>();
        outputs.addAll(topology.forecasts().readRecordsToList());
        outputs.addAll(topology.rejected().readRecordsToList());
        outputs.addAll(topology.alerts().readRecordsToList());
        assertThat(outputs).isNotEmpty().allSatisfy(r -> assertThat(r.timestamp())
            .isBetween(0L, T0.plusSeconds(10).plus(Duration.ofHours(1)).toEpochMilli()));
    }

    @Test
    void shouldNotPassTheInputHeadersOnToAnyOutput() {
        topology.start(TestSettings.standard());
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", "x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        for (int s = 0; s < 5; s++) {
            Instant time = T0.plusSeconds(s);
            topology.readings().pipeInput(new TestRecord<>("p-1", TestJson.bytes(TestJson.reading("p-1",
                "heart_rate", time, 70)), headers, time));
        }
        topology.readings().pipeInput(new TestRecord<>("p-1", "not json".getBytes(StandardCharsets.UTF_8), headers,
            T0.plusSeconds(5)));

        assertThat(topology.forecasts().readRecordsToList()).isNotEmpty()
            .allSatisfy(r -> assertThat(r.headers().toArray()).isEmpty());
        assertThat(topology.rejected().readRecordsToList()).singleElement()
            .satisfies(r -> assertThat(r.headers().toArray()).isEmpty());
    }

    @Test
    void shouldRejectARecordWhoseProcessingThrowsAsAProcessingErrorAndGoOn() {
        topology.start(TestSettings.standard(), ModelRegistry.of(Map.of("heart_rate", new BuggyModel())));
        double[] p1 = {70, 66, 70, 71, 72, 73};
        for (int s = 0; s < p1.length; s++) {
            Instant time = T0.plusSeconds(s);
            topology.send("p-1", TestJson.reading("p-1", "heart_rate", time, p1[s]), time);
            sendNormal("p-2", s);
        }

        List<JsonNode> rejected = TestJson.trees(topology.rejected().readValuesToList());
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.get("reason").asText()).isEqualTo("PROCESSING_ERROR");
            assertThat(r.get("detail").asText()).contains("forecast-steps", "IllegalStateException",
                "a bug meeting 66 bpm");
            assertThat(r.get("sourceTopic").asText()).isEqualTo("vitals.readings");
            assertThat(r.get("valueText").asText()).contains("\"patientId\"");
        });
        List<JsonNode> forecasts = topology.forecastTrees();
        assertThat(forecastsOf(forecasts, "p-2")).isEqualTo(forecastsOf(forecasts, "p-1") + 1);
        assertThat(forecasts).allSatisfy(f -> assertThat(f.get("level").asDouble()).as("the intervals' level")
            .isEqualTo(0.9));
        assertThat(topology.counter("vitalcast.processing.errors", "stage", "processing", "outcome", "rejected"))
            .isEqualTo(1);
        assertThat(topology.counter("vitalcast.rejected", "reason", "PROCESSING_ERROR")).isEqualTo(1);
    }

    @Test
    void shouldRejectAStepThatThrowsWhenThePunctuationClosesItAndGoOn() {
        topology.start(TestSettings.standard(), ModelRegistry.of(Map.of("heart_rate", new BuggyModel())));
        double[] p1 = {70, 71, 72, 66};
        for (int s = 0; s < p1.length; s++) {
            Instant time = T0.plusSeconds(s);
            topology.send("p-1", TestJson.reading("p-1", "heart_rate", time, p1[s]), time);
        }
        assertThat(topology.rejected().isEmpty()).isTrue();

        topology.advanceWallClock(Duration.ofSeconds(10));
        topology.advanceWallClock(Duration.ofSeconds(10));

        assertThat(TestJson.trees(topology.rejected().readValuesToList())).singleElement().satisfies(r -> {
            assertThat(r.get("reason").asText()).isEqualTo("PROCESSING_ERROR");
            assertThat(r.get("detail").asText()).contains("closing the step", "IllegalStateException")
                .doesNotContain("p-1");
            assertThat(r.get("offset").asLong()).isEqualTo(3);
        });
        assertThat(topology.counter("vitalcast.processing.errors", "stage", "processing", "outcome", "rejected"))
            .isEqualTo(1);
    }

    @Test
    void shouldStopAtTheFirstProcessingErrorWhenSetToFail() {
        topology.start(TestSettings.standard().withProcessingErrors(ErrorPolicy.FAIL),
            ModelRegistry.of(Map.of("heart_rate", new BuggyModel())));

        assertThatThrownBy(() -> {
            for (int s = 0; s < 6; s++) {
                Instant time = T0.plusSeconds(s);
                topology.send("p-1", TestJson.reading("p-1", "heart_rate", time, s == 1 ? 66 : 70), time);
            }
        }).hasStackTraceContaining("a bug meeting 66 bpm");
        assertThat(topology.counter("vitalcast.processing.errors", "stage", "processing", "outcome", "failed"))
            .isEqualTo(1);
    }
}
