package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.streaming.TestJson;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The topics and application id of one broker test, so that tests share a broker and nothing else, with the exact
 * reads and waits of the guarantee tests.
 *
 * @param name             prefix of the topic names; the application id is {@code vitalcast-<name>}
 * @param bootstrapServers the broker
 */
record TestTopics(String name, String bootstrapServers) {
    static final Duration WAIT = Duration.ofSeconds(60);

    String readings() {
        return name + ".readings";
    }

    String forecasts() {
        return name + ".forecasts";
    }

    String rejected() {
        return name + ".rejected";
    }

    /** The settings of an instance, as {@code key=value} assignments, apart from the broker and metrics port. */
    List<String> assignments(Path stateDirectory, int partitions) {
        return List.of("application.id=vitalcast-" + name, "state.dir=" + stateDirectory,
            "vitalcast.models.dir=", "vitalcast.topics.partitions=" + partitions,
            "vitalcast.topics.readings=" + readings(), "vitalcast.topics.forecasts=" + forecasts(),
            "vitalcast.topics.alerts=" + name + ".alerts", "vitalcast.topics.rejected=" + rejected());
    }

    /** The configuration of an in-process instance: {@link #assignments} and {@code more}, metrics on any port. */
    VitalcastConfig config(Path stateDirectory, int partitions, String... more) {
        List<Setting> settings = new ArrayList<>(List.of(
            new Setting("bootstrap.servers", bootstrapServers, "test"),
            new Setting("vitalcast.metrics.port", "0", "test")));
        for (String assignment : assignments(stateDirectory, partitions)) {
            settings.add(ConfigLayers.assignment(assignment, "test"));
        }
        for (String assignment : more) {
            settings.add(ConfigLayers.assignment(assignment, "test"));
        }
        return VitalcastConfig.load(null, Map.of(), settings);
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    void produce(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /**
     * Waits until the application's committed offsets reach the end of the readings topic. Under exactly-once the
     * offsets are committed in the transaction that writes the outputs of the records before them.
     */
    void awaitAllConsumed(VitalcastConfig config, StreamsRunner runner) {
        try (Admin admin = admin()) {
            await("all readings consumed and committed").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(runner.failed()).isFalse();
                    Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
                    Map<TopicPartition, Long> ends = endOffsets(admin, config.topics().readings(),
                        IsolationLevel.READ_UNCOMMITTED);
                    ends.forEach((partition, end) -> {
                        OffsetAndMetadata offset = committed.get(partition);
                        assertThat(offset == null ? 0 : offset.offset()).as("committed offset of %s", partition)
                            .isEqualTo(end);
                    });
                });
        }
    }

    /**
     * The end offset of every partition of a topic: the high watermark, or with {@code READ_COMMITTED} the last
     * stable offset (before the first record of the oldest open transaction).
     */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, IsolationLevel isolation)
        throws Exception {
        Set<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
            .partitions().stream().map(info -> new TopicPartition(topic, info.partition()))
            .collect(Collectors.toSet());
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                tp -> OffsetSpec.latest())), new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The value of every committed record of a topic, as JSON. */
    List<JsonNode> readCommitted(String topic) {
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<String, String> record : read(topic, IsolationLevel.READ_COMMITTED)) {
            values.add(json(record));
        }
        return values;
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return TestJson.tree(record.value());
        } catch (AssertionError e) {
            throw new AssertionError("at " + record.topic() + "-" + record.partition() + "@" + record.offset(), e);
        }
    }

    /**
     * Every record of a topic a consumer of the given isolation level reads from the beginning up to its end
     * offsets: with {@code READ_COMMITTED} the committed records up to the last stable offsets, with
     * {@code READ_UNCOMMITTED} every record written, aborted and open transactions included.
     */
    List<ConsumerRecord<String, String>> read(String topic, IsolationLevel isolation) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + ends);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
