package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.streaming.TestJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records that once stopped the service, sent with a raw producer (as kcat would) to a running service on a real
 * KRaft broker, whose default limits are the ones that refused the outputs they used to cause (record timestamps at
 * most an hour ahead of the broker's clock, requests of at most 1 MiB). After each poison record another patient
 * keeps being forecast, the poison ends on the rejected topic with its reason, and the service never leaves RUNNING.
 * One service runs for the class, so the poison records of each test come on top of those of the tests before.
 */
class PoisonPillIT {
    private static final Duration WAIT = TestTopics.WAIT;
    private static final String BAD = "p-bad";
    private static final String GOOD = "p-good";

    private static KafkaClusterTestKit cluster;
    private static Path temp;
    private static StreamsRunner runner;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, String> consumer;
    private static final List<ConsumerRecord<String, String>> received = new ArrayList<>();
    /** Event time of the good patient's next reading: a second further each time, ending near the wall clock. */
    private static Instant goodTime = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS);

    @BeforeAll
    static void startService() throws Exception {
        cluster = TestBrokers.startSingleNode();
        temp = Files.createTempDirectory("vitalcast-poison-it");
        List<Setting> settings = new ArrayList<>(List.of(
            new Setting("bootstrap.servers", cluster.bootstrapServers(), "test"),
            new Setting("state.dir", temp.resolve("state").toString(), "test"),
            new Setting("vitalcast.models.dir", "", "test"),
            new Setting("vitalcast.metrics.port", "0", "test")));
        for (String assignment : List.of("application.id=vitalcast-poison-it", "vitalcast.topics.partitions=1",
            "vitalcast.signals.heart_rate.step=1s", "vitalcast.window.grace=0s")) {
            settings.add(ConfigLayers.assignment(assignment, "test"));
        }
        VitalcastConfig config = VitalcastConfig.load(null, Map.of(), settings);
        runner = new StreamsRunner(config);
        runner.start();
        await("Kafka Streams running").atMost(WAIT)
            .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);
        producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "poison-it-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(Set.of(config.topics().forecasts(), config.topics().rejected()));
    }

    @AfterAll
    static void stopService() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {consumer, producer, runner, cluster}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static void send(String patient, String value) throws Exception {
        producer.send(new ProducerRecord<>("vitals.readings", patient, value.getBytes(StandardCharsets.UTF_8)))
            .get();
    }

    /** Sends the poison records, then readings of the good patient, and returns what the topics then held. */
    private static List<JsonNode> rejectionsOfBadAfterGoodForecasts(List<String> poison) throws Exception {
        long forecastsBefore = forecastsOfGood();
        for (String record : poison) {
            send(BAD, record);
        }
        for (int i = 0; i < 5; i++) {
            send(GOOD, TestJson.text(TestJson.reading(GOOD, "heart_rate", goodTime, 70 + i)));
            goodTime = goodTime.plusSeconds(1);
        }
        await("the good patient forecast after the poison").atMost(WAIT).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            assertThat(forecastsOfGood()).isGreaterThanOrEqualTo(forecastsBefore + 4);
        });
        assertThat(runner.state()).contains(KafkaStreams.State.RUNNING);
        assertThat(runner.failed()).isFalse();
        return received.stream().filter(r -> r.topic().equals("vitals.rejected") && BAD.equals(r.key()))
            .map(r -> TestJson.tree(r.value())).toList();
    }

    private static long forecastsOfGood() {
        return received.stream().filter(r -> r.topic().equals("vitals.forecasts") && GOOD.equals(r.key())).count();
    }

    private static String reading(String timestamp) {
        return "{\"patientId\":\"" + BAD + "\",\"signal\":\"heart_rate\",\"value\":72,\"timestamp\":" + timestamp
            + "}";
    }

    private static List<String> reasons(List<JsonNode> rejected) {
        return rejected.stream().map(r -> r.get("reason").asText()).toList();
    }

    @Test
    void shouldNotLetAPatientWhoseClockIsAheadBlindTheOthersOnItsPartition() throws Exception {
        // valid, four minutes ahead of the wall clock and half an hour ahead of the good patient's readings
        String fast = reading(Long.toString(Instant.now().plus(Duration.ofMinutes(4)).toEpochMilli()));

        List<JsonNode> rejected = rejectionsOfBadAfterGoodForecasts(List.of(fast));

        assertThat(received).filteredOn(r -> r.topic().equals("vitals.rejected") && GOOD.equals(r.key()))
            .as("the good patient's readings refused").isEmpty();
        assertThat(reasons(rejected)).doesNotContain("LATE");
    }

    @Test
    void shouldRejectNegativeTimestampsAndKeepForecastingTheOthers() throws Exception {
        List<JsonNode> rejected = rejectionsOfBadAfterGoodForecasts(List.of(reading("-60000"),
            reading("\"1969-12-31T23:59:00Z\"")));

        assertThat(reasons(rejected)).containsSubsequence("BAD_TIMESTAMP", "BAD_TIMESTAMP");
    }

    @Test
    void shouldRejectReadingsFromTheFutureAndKeepForecastingTheOthers() throws Exception {
        long twoHoursAhead = Instant.now().plus(Duration.ofHours(2)).toEpochMilli();
        List<JsonNode> rejected = rejectionsOfBadAfterGoodForecasts(List.of(reading(Long.toString(twoHoursAhead)),
            reading("\"9999-06-01T00:00:00Z\"")));

        assertThat(reasons(rejected)).containsSubsequence("FUTURE_TIMESTAMP", "FUTURE_TIMESTAMP");
    }

    @Test
    void shouldRejectHugeRecordsKeepingTheirLengthAndHashAndKeepForecastingTheOthers() throws Exception {
        String half = "{\"patientId\":\"" + BAD + "\",\"junk\":\"" + "x".repeat(500_000) + "\"}";
        String whole = "{\"patientId\":\"" + BAD + "\",\"junk\":\"" + "y".repeat(1_000_000) + "\"}";

        List<JsonNode> rejected = rejectionsOfBadAfterGoodForecasts(List.of(half, whole));

        List<JsonNode> tooLarge = rejected.stream().filter(r -> r.get("reason").asText().equals("TOO_LARGE"))
            .toList();
        assertThat(tooLarge).extracting(r -> r.get("valueBytes").asInt())
            .contains(half.length(), whole.length());
        assertThat(tooLarge).allSatisfy(r -> {
            assertThat(r.get("valueTruncated").asBoolean()).isTrue();
            assertThat(r.get("valueSha256").asText()).hasSize(64);
            assertThat(r.toString().length()).isLessThan(64 * 1024);
        });
    }

    @Test
    void shouldRejectABatchWhoseSampleTimesOverflowAndKeepForecastingTheOthers() throws Exception {
        String batch = "{\"patientId\":\"" + BAD + "\",\"signal\":\"heart_rate\",\"start\":"
            + goodTime.toEpochMilli() + ",\"intervalMs\":1e+18,\"values\":[70,71,72]}";

        List<JsonNode> rejected = rejectionsOfBadAfterGoodForecasts(List.of(batch));

        assertThat(rejected).filteredOn(r -> r.get("detail").asText().contains("values["))
            .extracting(r -> r.get("reason").asText()).containsExactly("BAD_TIMESTAMP", "BAD_TIMESTAMP");
    }
}
