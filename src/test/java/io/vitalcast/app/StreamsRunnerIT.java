package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.streaming.TestJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against a real single-node KRaft broker in this JVM, over real sockets: topics are created, a reading
 * goes in through a producer, a record keyed by the patient id comes out on the forecasts topic, and the Prometheus
 * endpoint shows Kafka Streams metrics. The assertions hold for any topology that forecasts a patient's heart rate
 * from a few minutes of readings.
 */
class StreamsRunnerIT {
    private static final String PATIENT = "p-017";
    private static final Duration WAIT = Duration.ofSeconds(30);

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

    private VitalcastConfig config(String... assignments) {
        List<Setting> settings = new ArrayList<>(List.of(
            new Setting("bootstrap.servers", cluster.bootstrapServers(), "test"),
            new Setting("state.dir", temp.resolve("state").toString(), "test"),
            new Setting("vitalcast.models.dir", temp.resolve("models").toString(), "test"),
            new Setting("vitalcast.metrics.port", "0", "test"),
            new Setting("vitalcast.topics.partitions", "2", "test")));
        for (String assignment : assignments) {
            settings.add(io.vitalcast.config.ConfigLayers.assignment(assignment, "test"));
        }
        return VitalcastConfig.load(null, Map.of(), settings);
    }

    @Test
    void shouldCreateTopicsForecastAndServeMetrics() throws Exception {
        VitalcastConfig config = config("application.id=vitalcast-it", "vitalcast.topics.alerts=it.alerts");
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic("it.alerts", 1, (short) 1))).all().get();
        }

        StreamsRunner runner = new StreamsRunner(config);
        try {
            runner.start();

            try (Admin admin = cluster.admin()) {
                Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = admin.describeTopics(
                    config.topics().all()).allTopicNames().get();
                assertThat(topics.get("vitals.readings").partitions()).hasSize(2);
                assertThat(topics.get("vitals.forecasts").partitions()).hasSize(2);
                assertThat(topics.get("vitals.rejected").partitions()).hasSize(2);
                assertThat(topics.get("it.alerts").partitions()).as("existing topic left alone").hasSize(1);
            }
            await("Kafka Streams running").atMost(WAIT)
                .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);

            produceHeartRate(config.topics().readings());

            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.subscribe(Set.of(config.topics().forecasts()));
                await("a record keyed by the patient id on the forecasts topic").atMost(WAIT).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(received).extracting(ConsumerRecord::key).contains(PATIENT);
                });
            }

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(runner.metricsUri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
            assertThat(scrape.body()).contains("kafka_stream_").contains("jvm_memory_used_bytes");
            assertThat(runner.failed()).isFalse();

            runner.close();
            assertThat(runner.state()).contains(KafkaStreams.State.NOT_RUNNING);
        } finally {
            runner.close();
        }
    }

    @Test
    void shouldRejectGarbageAndRaiseLimitAlertsThroughTheBroker() throws Exception {
        VitalcastConfig config = config("application.id=vitalcast-it-alerts", "vitalcast.topics.readings=a.in",
            "vitalcast.topics.forecasts=a.forecasts", "vitalcast.topics.alerts=a.alerts",
            "vitalcast.topics.rejected=a.rejected");
        try (StreamsRunner runner = new StreamsRunner(config)) {
            runner.start();
            await("Kafka Streams running").atMost(WAIT)
                .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("a.in", PATIENT, "this is not a reading")).get();
                Instant start = Instant.parse("2026-11-25T16:00:00.000Z");
                for (int minute = 0; minute < 12; minute++) {
                    Instant time = start.plusSeconds(60L * minute);
                    String json = TestJson.text(TestJson.reading(PATIENT, "heart_rate", time,
                        minute < 4 ? 80.0 : 165.0));
                    producer.send(new ProducerRecord<>("a.in", null, time.toEpochMilli(), PATIENT, json)).get();
                }
            }
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.subscribe(Set.of("a.rejected", "a.alerts"));
                await("the garbage on the rejected topic and a limit alert").atMost(WAIT).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(received).anySatisfy(r -> {
                        assertThat(r.topic()).isEqualTo("a.rejected");
                        assertThat(r.value()).contains("\"reason\":\"MALFORMED\"", "this is not a reading");
                    });
                    assertThat(received).anySatisfy(r -> {
                        assertThat(r.topic()).isEqualTo("a.alerts");
                        assertThat(r.key()).isEqualTo(PATIENT);
                        assertThat(r.value()).contains("\"kind\":\"LIMIT\"", "\"state\":\"OPEN\"");
                    });
                });
            }
        }
    }

    @Test
    void shouldNotReopenASnoozedAlertThroughTheBroker() throws Exception {
        VitalcastConfig config = config("application.id=vitalcast-it-acks", "vitalcast.topics.readings=k.in",
            "vitalcast.topics.forecasts=k.forecasts", "vitalcast.topics.alerts=k.alerts",
            "vitalcast.topics.rejected=k.rejected", "vitalcast.topics.alert.acks=k.acks",
            "vitalcast.alert.sustain.steps=1", "vitalcast.alert.clear.steps=1");
        Instant start = Instant.parse("2026-11-25T16:00:00.000Z");
        try (StreamsRunner runner = new StreamsRunner(config);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                 ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                 ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                 ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
             KafkaConsumer<String, String> consumer = consumer()) {
            runner.start();
            await("Kafka Streams running").atMost(WAIT)
                .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);
            consumer.subscribe(Set.of("k.alerts", "k.forecasts"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            double[] first = {1.0, 1.02, 1.0, 1.02, 1.0, 2.5};
            for (int beat = 0; beat < first.length; beat++) {
                sendBeat(producer, start.plusSeconds(beat), first[beat]);
            }
            await("a LIMIT alert open").atMost(WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(limitStates(received)).containsExactly("OPEN");
            });
            String id = TestJson.tree(limitEvents(received).get(0)).get("alertId").asText();

            producer.send(new ProducerRecord<>("k.acks", null, start.plusSeconds(first.length).toEpochMilli(),
                PATIENT, TestJson.text(TestJson.ack(id, PATIENT, "SNOOZE")
                    .put("until", start.plusSeconds(3600).toString()).put("by", "it")))).get();
            await("the snooze recorded").atMost(WAIT).until(() -> scrape(runner).contains(
                "vitalcast_alert_acks_total{action=\"SNOOZE\",outcome=\"accepted\"} 1.0"));

            double[] then = {1.0, 2.5, 2.6, 1.0};
            for (int i = 0; i < then.length; i++) {
                sendBeat(producer, start.plusSeconds(first.length + i), then[i]);
            }
            String lastStep = start.plusSeconds(first.length + then.length - 1).toString();
            await("the forecast of the last beat").atMost(WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                assertThat(received).anySatisfy(r -> assertThat(r.value()).contains(
                    "\"lastStepTime\":\"" + lastStep + "\""));
            });
            consumer.poll(Duration.ofMillis(500)).forEach(received::add);

            assertThat(limitStates(received)).as("snoozed, resolved, and not reopened while snoozed")
                .containsExactly("OPEN", "SNOOZED", "RESOLVED");
            assertThat(scrape(runner)).contains(
                "vitalcast_alerts_suppressed_total{kind=\"LIMIT\",reason=\"snoozed\"} 1.0");
        }
    }

    private static void sendBeat(KafkaProducer<String, String> producer, Instant time, double rr) throws Exception {
        String json = TestJson.text(TestJson.reading(PATIENT, "rr_interval", time, rr));
        producer.send(new ProducerRecord<>("k.in", null, time.toEpochMilli(), PATIENT, json)).get();
    }

    private static List<String> limitEvents(List<ConsumerRecord<String, String>> received) {
        return received.stream().filter(r -> r.topic().equals("k.alerts"))
            .map(ConsumerRecord::value).filter(v -> v.contains("\"kind\":\"LIMIT\"")).toList();
    }

    private static List<String> limitStates(List<ConsumerRecord<String, String>> received) {
        return limitEvents(received).stream().map(v -> TestJson.tree(v).get("state").asText()).toList();
    }

    private static String scrape(StreamsRunner runner) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(runner.metricsUri()).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void shouldShutDownTheClientAndExitWithOneWhenTheTopologyThrowsAndProcessingErrorsFail() throws Exception {
        VitalcastConfig config = config("application.id=vitalcast-it-failing", "vitalcast.topics.readings=fail.in",
            "vitalcast.topics.forecasts=fail.out", "vitalcast.topics.alerts=fail.alerts",
            "vitalcast.topics.rejected=fail.rejected", "vitalcast.processing.errors=fail");
        try (StreamsRunner runner = new StreamsRunner(config, (settings, metrics) -> {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(settings.topics().readings(), Consumed.with(Serdes.String(), Serdes.String()))
                .foreach((patient, reading) -> {
                    throw new IllegalStateException("a bug, meeting " + patient);
                });
            return builder.build();
        })) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return runner.runUntilStopped();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            await("Kafka Streams running").atMost(WAIT)
                .until(() -> runner.state().orElse(KafkaStreams.State.CREATED) == KafkaStreams.State.RUNNING);

            produceHeartRate(config.topics().readings());

            assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(runner.failed()).isTrue();
            assertThat(runner.state()).contains(KafkaStreams.State.ERROR);
        }
    }

    /** Heart rate once a minute for an hour of event time, so that any windowed topology closes steps. */
    private static void produceHeartRate(String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            Instant start = Instant.parse("2026-11-25T16:00:00.000Z");
            for (int minute = 0; minute < 60; minute++) {
                String json = TestJson.text(TestJson.reading(PATIENT, "heart_rate", start.plusSeconds(60L * minute),
                    72.0 + minute % 5, "bpm"));
                producer.send(new ProducerRecord<>(topic, null, start.plusSeconds(60L * minute).toEpochMilli(),
                    PATIENT, json)).get();
            }
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "vitalcast-it-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
