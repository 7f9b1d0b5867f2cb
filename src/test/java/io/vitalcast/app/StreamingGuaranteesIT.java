package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-11-25T16:00:00Z");
    private static final long MINUTE_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Prefix topics = new Prefix("once");
        VitalcastConfig config = topics.config(temp.resolve("state"), 2);
        List<String> patients = patients(6);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        // heart_rate (PT1M): minutes 0..9, a second reading in every even minute (10 windows, 15 readings);
        // ecg_heart_rate (PT1S): every 500 ms for 10 s (10 windows, 20 readings)
        for (int second = 0; second < 600; second++) {
            long time = START.toEpochMilli() + second * 1000L;
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
        long t = START.toEpochMilli() + 5 * MINUTE_MS;
        List<ProducerRecord<String, String>> invalid = List.of(
            new ProducerRecord<>(topics.readings(), null, t, p, "this is not a reading"),
            new ProducerRecord<>(topics.readings(), null, t, p, "{\"patientId\":\"" + p + "\",\"signal\":"
                + "\"heart_rate\",\"timestamp\":" + t + "}"),
            new ProducerRecord<>(topics.readings(), null, t, patients.get(1), json(p, "heart_rate", t, 80, null)),
            reading(topics.readings(), p, "blood_sugar", t, 5, null),
            reading(topics.readings(), p, "heart_rate", t, 80, "mmHg"),
            reading(topics.readings(), p, "heart_rate", t, 900, null),
            reading(topics.readings(), patients.get(2), "heart_rate", t, 0, null),
            new ProducerRecord<>(topics.readings(), null, t, p, "{\"patientId\":\"" + p + "\",\"signal\":"
                + "\"heart_rate\",\"timestamp\":" + t + ",\"value\":NaN}"));
        records.addAll(records.size() / 2, invalid);
        records.addAll(finalReadings(topics.readings(), patients, List.of("heart_rate", "ecg_heart_rate")));

        try (StreamsRunner runner = new StreamsRunner(config)) {
            runner.start();
            produce(records);
            awaitAllConsumed(config, runner);
        }

        List<JsonNode> rejected = readAll(topics.rejected());
        assertThat(rejected).hasSize(invalid.size());
        assertThat(rejected).extracting(r -> r.get("reason").asText()).containsExactlyInAnyOrder(
            "MALFORMED", "MISSING_FIELD", "KEY_MISMATCH", "UNKNOWN_SIGNAL", "WRONG_UNIT", "OUT_OF_RANGE",
            "SENSOR_OFF", "NOT_FINITE");
        List<JsonNode> forecasts = readAll(topics.forecasts());
        assertThat(forecasts).extracting(StreamingGuaranteesIT::forecastId).doesNotHaveDuplicates();
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
        Prefix topics = new Prefix("shared");
        List<String> patients = patients(40);
        int minutes = 8;
        List<ProducerRecord<String, String>> records = heartRate(topics.readings(), patients, 0, minutes);
        records.addAll(finalReadings(topics.readings(), patients, List.of("heart_rate")));

        try (StreamsRunner first = new StreamsRunner(topics.config(temp.resolve("state-1"), 4));
             StreamsRunner second = new StreamsRunner(topics.config(temp.resolve("state-2"), 4))) {
            first.start();
            second.start();
            await("both instances running").atMost(WAIT).until(() -> isRunning(first) && isRunning(second));
            produce(records);
            awaitAllConsumed(topics.config(temp.resolve("state-1"), 4), first);
            assertThat(second.failed()).isFalse();
            assertThat(acceptedReadings(first)).as("readings processed by the first instance").isPositive();
            assertThat(acceptedReadings(second)).as("readings processed by the second instance").isPositive();
        }

        List<String> forecastIds = readAll(topics.forecasts()).stream().map(StreamingGuaranteesIT::forecastId)
            .toList();
        assertThat(forecastIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(forecastIds)).isEqualTo(expectedHeartRateIds(patients, 0, minutes));
    }

    @Test
    void shouldResumeOnAFreshInstanceRestoringFromTheChangelogsWithoutLosingOrRepeatingAStep() throws Exception {
        Prefix topics = new Prefix("resume");
        List<String> patients = patients(20);
        int minutes = 12;
        List<ProducerRecord<String, String>> firstHalf = heartRate(topics.readings(), patients, 0, minutes / 2);
        List<ProducerRecord<String, String>> secondHalf = heartRate(topics.readings(), patients, minutes / 2,
            minutes);
        secondHalf.addAll(finalReadings(topics.readings(), patients, List.of("heart_rate")));

        VitalcastConfig firstConfig = topics.config(temp.resolve("state-first"), 2);
        StreamsRunner first = new StreamsRunner(firstConfig);
        try (first) {
            first.start();
            produce(firstHalf);
            // mid-stream: some forecasts are committed, windows and series are open, and the instance goes away
            await("some forecasts committed").atMost(WAIT).until(() -> !readAll(topics.forecasts()).isEmpty());
        }
        produce(secondHalf.subList(0, patients.size()));
        VitalcastConfig secondConfig = topics.config(temp.resolve("state-second"), 2);
        try (StreamsRunner second = new StreamsRunner(secondConfig)) {
            second.start();
            produce(secondHalf.subList(patients.size(), secondHalf.size()));
            awaitAllConsumed(secondConfig, second);
            assertThat(acceptedReadings(first) + acceptedReadings(second))
                .as("readings accepted by the two instances: none processed twice, as a restart from scratch would")
                .isEqualTo(firstHalf.size() + secondHalf.size());
        }

        List<String> forecastIds = readAll(topics.forecasts()).stream().map(StreamingGuaranteesIT::forecastId)
            .toList();
        assertThat(forecastIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(forecastIds)).isEqualTo(expectedHeartRateIds(patients, 0, minutes));
    }

    /** Topic names and application id of one test, so that the tests share the broker and nothing else. */
    private record Prefix(String name) {
        String readings() {
            return name + ".readings";
        }

        String forecasts() {
            return name + ".forecasts";
        }

        String rejected() {
            return name + ".rejected";
        }

        VitalcastConfig config(Path stateDirectory, int partitions) {
            List<Setting> settings = new ArrayList<>(List.of(
                new Setting("bootstrap.servers", cluster.bootstrapServers(), "test"),
                new Setting("state.dir", stateDirectory.toString(), "test"),
                new Setting("vitalcast.metrics.port", "0", "test"),
                new Setting("vitalcast.topics.partitions", Integer.toString(partitions), "test"),
                // Kafka Streams does not leave the group on close, just as a killed instance does not: the broker
                // hands its partitions over after this timeout (45 s by default)
                new Setting("session.timeout.ms", "6000", "test")));
            for (String assignment : List.of("application.id=vitalcast-" + name, "vitalcast.models.dir=",
                "vitalcast.topics.readings=" + readings(), "vitalcast.topics.forecasts=" + forecasts(),
                "vitalcast.topics.alerts=" + name + ".alerts", "vitalcast.topics.rejected=" + rejected())) {
                settings.add(ConfigLayers.assignment(assignment, "test"));
            }
            return VitalcastConfig.load(null, Map.of(), settings);
        }
    }

    private static List<String> patients(int count) {
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            patients.add(String.format(Locale.ROOT, "p-%03d", i));
        }
        return patients;
    }

    /** One heart-rate reading a minute for every patient, minutes {@code from} (inclusive) to {@code to}. */
    private static List<ProducerRecord<String, String>> heartRate(String topic, List<String> patients, int from,
                                                                  int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int minute = from; minute < to; minute++) {
            for (String patient : patients) {
                records.add(reading(topic, patient, "heart_rate", START.toEpochMilli() + minute * MINUTE_MS,
                    70 + minute % 5, "bpm"));
            }
        }
        return records;
    }

    private static Set<String> expectedHeartRateIds(List<String> patients, int from, int to) {
        Set<String> ids = new HashSet<>();
        for (String patient : patients) {
            for (int minute = from; minute < to; minute++) {
                ids.add(patient + "|heart_rate|" + START.plusMillis(minute * MINUTE_MS));
            }
        }
        return ids;
    }

    /** A reading per patient and signal two hours ahead: it closes every earlier window and never forecasts. */
    private static List<ProducerRecord<String, String>> finalReadings(String topic, List<String> patients,
                                                                      List<String> signals) {
        long time = START.toEpochMilli() + 120 * MINUTE_MS;
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String patient : patients) {
            for (String signal : signals) {
                records.add(reading(topic, patient, signal, time, 75, null));
            }
        }
        return records;
    }

    private static ProducerRecord<String, String> reading(String topic, String patient, String signal, long timeMs,
                                                          double value, String unit) {
        return new ProducerRecord<>(topic, null, timeMs, patient, json(patient, signal, timeMs, value, unit));
    }

    private static String json(String patient, String signal, long timeMs, double value, String unit) {
        return String.format(Locale.ROOT, "{\"patientId\":\"%s\",\"signal\":\"%s\",\"timestamp\":\"%s\","
            + "\"value\":%.1f%s}", patient, signal, Instant.ofEpochMilli(timeMs), value,
            unit == null ? "" : ",\"unit\":\"" + unit + "\"");
    }

    private static String forecastId(JsonNode forecast) {
        return forecast.get("patientId").asText() + "|" + forecast.get("signal").asText() + "|"
            + Instant.parse(forecast.get("lastStepTime").asText());
    }

    private static void produce(List<ProducerRecord<String, String>> records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static boolean isRunning(StreamsRunner runner) {
        return runner.state().orElse(KafkaStreams.State.CREATED) == KafkaStreams.State.RUNNING;
    }

    private static double acceptedReadings(StreamsRunner runner) {
        return runner.registry().find(VitalcastMetrics.READINGS).tag("outcome", "accepted").counters().stream()
            .mapToDouble(c -> c.count()).sum();
    }

    /**
     * Waits until the application's committed offsets reach the end of the readings topic. Under exactly-once the
     * offsets are committed in the transaction that writes the outputs of the records before them.
     */
    private static void awaitAllConsumed(VitalcastConfig config, StreamsRunner runner) {
        try (Admin admin = cluster.admin()) {
            await("all readings consumed and committed").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(runner.failed()).isFalse();
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
                    Set<TopicPartition> partitions = admin.describeTopics(List.of(config.topics().readings()))
                        .allTopicNames().get().get(config.topics().readings()).partitions().stream()
                        .map(info -> new TopicPartition(config.topics().readings(), info.partition()))
                        .collect(Collectors.toSet());
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                        partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
                        .all().get();
                    for (TopicPartition partition : partitions) {
                        OffsetAndMetadata offset = committed.get(partition);
                        long end = ends.get(partition).offset();
                        assertThat(offset == null ? 0 : offset.offset()).as("committed offset of %s", partition)
                            .isEqualTo(end);
                    }
                });
        }
    }

    /** Every committed record of a topic, read from the beginning up to the last stable offset of each partition. */
    private static List<JsonNode> readAll(String topic) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<JsonNode> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + ends);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(JSON.readTree(record.value()));
                }
            }
            return records;
        }
    }
}
