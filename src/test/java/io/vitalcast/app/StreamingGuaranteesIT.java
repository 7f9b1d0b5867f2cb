package io.vitalcast.app;

import static io.vitalcast.app.TestReadings.finalReadings;
import static io.vitalcast.app.TestReadings.json;
import static io.vitalcast.app.TestReadings.minute;
import static io.vitalcast.app.TestReadings.patients;
import static io.vitalcast.app.TestReadings.reading;
import static io.vitalcast.app.TestReadings.stepId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.streaming.TestJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processing guarantees of the production topology on a real single-node KRaft broker, with exactly-once
 * processing (the default) and a read_committed reader: every input has exactly one outcome, two instances share the
 * partitions without producing a forecast twice, and an instance replaced mid-stream by one that must restore its
 * state from the changelogs loses and repeats no step.
 *
 * <p>No test waits for "long enough": each one waits until the application has committed its consumption of the
 * whole readings topic (under exactly-once, the outputs of those readings are committed in the same transactions),
 * then reads every output topic up to its last stable offset and counts exactly.
 *
 * <p>Event time: readings are produced in event-time order across patients (a patient's partition shares its stream
 * time with the other patients on it, so producing one patient after another would make the next one's readings
 * LATE). After the last regular readings, each patient gets one final reading per signal far ahead in event time:
 * it closes every earlier window of its partition and signal, and its own window stays open, so it never forecasts.
 */
class StreamingGuaranteesIT {
    private static final Duration WAIT = TestTopics.WAIT;

    private static KafkaClusterTestKit cluster;

    @TempDir
    Path temp;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = TestBrokers.startSingleNode();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldGiveEveryInputExactlyOneOutcome() throws Exception {
        TestTopics topics = topics("once");
        VitalcastConfig config = config(topics, temp.resolve("state"), 2);
        List<String> patients = patients(6);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        // heart_rate (PT1M): minutes 0..9, a second reading in every even minute (10 windows, 15 readings);
        // ecg_heart_rate (PT1S): every 500 ms for 10 s (10 windows, 20 readings)
        for (int second = 0; second < 600; second++) {
            long time = minute(0) + second * 1000L;
            for (String patient : patients) {
                if (second % 60 == 0 || second % 120 == 30) {
                    records.add(reading(topics.readings(), patient, "heart_rate", time, 70 + second % 7, "bpm"));
                }
                if (second < 10) {
                    records.add(reading(topics.readings(), patient, "ecg_heart_rate", time, 71, null));
                    records.add(reading(topics.readings(), patient, "ecg_heart_rate", time + 500, 72, null));
                }
            }
        }
        Map<String, Long> expectedSteps = Map.of("heart_rate", 10L, "ecg_heart_rate", 10L);
        String p = patients.get(0);
        long t = minute(5);
        List<ProducerRecord<String, String>> invalid = List.of(
            new ProducerRecord<>(topics.readings(), null, t, p, "this is not a reading"),
            new ProducerRecord<>(topics.readings(), null, t, p, TestJson.text(TestJson.object("patientId", p,
                "signal", "heart_rate", "timestamp", t))),
            new ProducerRecord<>(topics.readings(), null, t, patients.get(1), json(p, "heart_rate", t, 80, null)),
            reading(topics.readings(), p, "blood_sugar", t, 5, null),
            reading(topics.readings(), p, "heart_rate", t, 80, "mmHg"),
            reading(topics.readings(), p, "heart_rate", t, 900, null),
            reading(topics.readings(), patients.get(2), "heart_rate", t, 0, null),
            new ProducerRecord<>(topics.readings(), null, t, p, "{\"patientId\":\"" + p + "\",\"signal\":"
                + "\"heart_rate\",\"timestamp\":" + t + ",\"value\":NaN}"));
        records.addAll(records.size() / 2, invalid);
        records.addAll(finalReadings(topics.readings(), patients, List.of("heart_rate", "ecg_heart_rate"), 0));

        try (StreamsRunner runner = new StreamsRunner(config)) {
            runner.start();
            topics.produce(records);
            topics.awaitAllConsumed(config, runner);
        }

        List<JsonNode> rejected = topics.readCommitted(topics.rejected());
        assertThat(rejected).hasSize(invalid.size());
        assertThat(rejected).extracting(r -> r.get("reason").asText()).containsExactlyInAnyOrder(
            "MALFORMED", "MISSING_FIELD", "KEY_MISMATCH", "UNKNOWN_SIGNAL", "WRONG_UNIT", "OUT_OF_RANGE",
            "SENSOR_OFF", "NOT_FINITE");
        List<JsonNode> forecasts = topics.readCommitted(topics.forecasts());
        assertThat(forecasts).extracting(TestReadings::forecastId).doesNotHaveDuplicates();
        Map<String, Long> stepsPerSeries = forecasts.stream().collect(Collectors.groupingBy(
            f -> f.get("patientId").asText() + "|" + f.get("signal").asText(), Collectors.counting()));
        Map<String, Long> expected = new HashMap<>();
        for (String patient : patients) {
            expectedSteps.forEach((signal, steps) -> expected.put(patient + "|" + signal, steps));
        }
        assertThat(stepsPerSeries).isEqualTo(expected);
    }

    @Test
    void shouldShareThePartitionsBetweenTwoInstancesAndForecastEachStepOnce() throws Exception {
        TestTopics topics = topics("shared");
        List<String> patients = patients(40);
        int minutes = 8;
        List<ProducerRecord<String, String>> records = heartRate(topics.readings(), patients, 0, minutes);
        records.addAll(finalReadings(topics.readings(), patients, List.of("heart_rate"), 0));

        try (StreamsRunner first = new StreamsRunner(config(topics, temp.resolve("state-1"), 4));
             StreamsRunner second = new StreamsRunner(config(topics, temp.resolve("state-2"), 4))) {
            first.start();
            second.start();
            await("both instances running").atMost(WAIT).until(() -> isRunning(first) && isRunning(second));
            topics.produce(records);
            topics.awaitAllConsumed(config(topics, temp.resolve("state-1"), 4), first);
            assertThat(second.failed()).isFalse();
            assertThat(acceptedReadings(first)).as("readings processed by the first instance").isPositive();
            assertThat(acceptedReadings(second)).as("readings processed by the second instance").isPositive();
        }

        List<String> forecastIds = topics.readCommitted(topics.forecasts()).stream().map(TestReadings::forecastId)
            .toList();
        assertThat(forecastIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(forecastIds)).isEqualTo(expectedHeartRateIds(patients, 0, minutes));
    }

    @Test
    void shouldResumeOnAFreshInstanceRestoringFromTheChangelogsWithoutLosingOrRepeatingAStep() throws Exception {
        TestTopics topics = topics("resume");
        List<String> patients = patients(20);
        int minutes = 12;
        List<ProducerRecord<String, String>> firstHalf = heartRate(topics.readings(), patients, 0, minutes / 2);
        List<ProducerRecord<String, String>> secondHalf = heartRate(topics.readings(), patients, minutes / 2,
            minutes);
        secondHalf.addAll(finalReadings(topics.readings(), patients, List.of("heart_rate"), 0));

        VitalcastConfig firstConfig = config(topics, temp.resolve("state-first"), 2);
        StreamsRunner first = new StreamsRunner(firstConfig);
        try (first) {
            first.start();
            topics.produce(firstHalf);
            // mid-stream: some forecasts are committed, windows and series are open, and the instance goes away
            await("some forecasts committed").atMost(WAIT)
                .until(() -> !topics.readCommitted(topics.forecasts()).isEmpty());
        }
        topics.produce(secondHalf.subList(0, patients.size()));
        VitalcastConfig secondConfig = config(topics, temp.resolve("state-second"), 2);
        try (StreamsRunner second = new StreamsRunner(secondConfig)) {
            second.start();
            topics.produce(secondHalf.subList(patients.size(), secondHalf.size()));
            topics.awaitAllConsumed(secondConfig, second);
            assertThat(acceptedReadings(first) + acceptedReadings(second))
                .as("readings accepted by the two instances: none processed twice, as a restart from scratch would")
                .isEqualTo(firstHalf.size() + secondHalf.size());
        }

        List<String> forecastIds = topics.readCommitted(topics.forecasts()).stream().map(TestReadings::forecastId)
            .toList();
        assertThat(forecastIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(forecastIds)).isEqualTo(expectedHeartRateIds(patients, 0, minutes));
    }

    private static TestTopics topics(String name) {
        return new TestTopics(name, cluster.bootstrapServers());
    }

    private static VitalcastConfig config(TestTopics topics, Path stateDirectory, int partitions) {
        // Kafka Streams does not leave the group on close, just as a killed instance does not: the broker hands its
        // partitions over after this timeout (45 s by default)
        return topics.config(stateDirectory, partitions, "session.timeout.ms=6000");
    }

    /** One heart-rate reading a minute for every patient, minutes {@code from} (inclusive) to {@code to}. */
    private static List<ProducerRecord<String, String>> heartRate(String topic, List<String> patients, int from,
                                                                  int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int minute = from; minute < to; minute++) {
            for (String patient : patients) {
                records.add(reading(topic, patient, "heart_rate", minute(minute), 70 + minute % 5, "bpm"));
            }
        }
        return records;
    }

    private static Set<String> expectedHeartRateIds(List<String> patients, int from, int to) {
        Set<String> ids = new HashSet<>();
        for (String patient : patients) {
            for (int minute = from; minute < to; minute++) {
                ids.add(stepId(patient, "heart_rate", Instant.ofEpochMilli(minute(minute))));
            }
        }
        return ids;
    }

    private static boolean isRunning(StreamsRunner runner) {
        return runner.state().orElse(KafkaStreams.State.CREATED) == KafkaStreams.State.RUNNING;
    }

    private static double acceptedReadings(StreamsRunner runner) {
        return runner.registry().find(VitalcastMetrics.READINGS).tag("outcome", "accepted").counters().stream()
            .mapToDouble(c -> c.count()).sum();
    }
}
