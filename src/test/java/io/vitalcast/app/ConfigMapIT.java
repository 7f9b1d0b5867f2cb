package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.streaming.TestJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes ConfigMap's settings, as they are, on a cluster like the one they are written for: three KRaft
 * brokers, so that replication factor 3 and exactly-once (whose transaction log wants two in-sync replicas) can be
 * met. Only the bootstrap servers, the state directory and the metrics port are the test's; the models are the
 * shipped ones, as the image carries them.
 */
class ConfigMapIT {
    @TempDir
    Path temp;

    @Test
    void shouldReachRunningAndForecastWithTheConfigMapsSettingsOnThreeBrokers() throws Exception {
        Properties configMap = new Properties();
        configMap.load(new StringReader(new ObjectMapper(new YAMLFactory())
            .readTree(Path.of("deploy/k8s/configmap.yaml").toFile()).at("/data/vitalcast.properties").asText()));
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setNumBrokerNodes(3).setNumControllerNodes(1).build())
            .setConfigProp("group.initial.rebalance.delay.ms", "0").build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            List<Setting> settings = new ArrayList<>();
            configMap.stringPropertyNames().forEach(key -> settings.add(new Setting(key, configMap.getProperty(key),
                "ConfigMap")));
            settings.replaceAll(setting -> switch (setting.key()) {
                case "bootstrap.servers" -> new Setting(setting.key(), cluster.bootstrapServers(), "test");
                case "state.dir" -> new Setting(setting.key(), temp.toString(), "test");
                default -> setting;
            });
            settings.add(new Setting("vitalcast.metrics.port", "0", "test"));
            settings.add(new Setting("vitalcast.models.dir", "samples/models", "image /models"));
            VitalcastConfig config = VitalcastConfig.load(null, Map.of(), settings);

            try (StreamsRunner runner = new StreamsRunner(config)) {
                runner.start();
                await("RUNNING on three brokers").atMost(Duration.ofSeconds(90))
                    .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);

                try (Admin admin = cluster.admin()) {
                    Map<String, TopicDescription> topics = admin.describeTopics(config.topics().all())
                        .allTopicNames().get();
                    assertThat(topics.values()).allSatisfy(topic ->
                        assertThat(topic.partitions().get(0).replicas()).hasSize(3));
                }
                Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(
                    java.time.temporal.ChronoUnit.MINUTES);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                    // an hour and a half of minutes: more than the model's warm-up before its first forecast
                    for (int minute = 0; minute < 90; minute++) {
                        producer.send(new ProducerRecord<>("vitals.readings", "p-1", TestJson.text(TestJson.reading(
                            "p-1", "heart_rate", start.plus(Duration.ofMinutes(minute)), 70 + minute % 3,
                            "bpm")))).get();
                    }
                }
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "configmap-it",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                    consumer.subscribe(Set.of("vitals.forecasts"));
                    List<ConsumerRecord<String, String>> forecasts = new ArrayList<>();
                    await("a forecast from the shipped heart-rate model").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> {
                            consumer.poll(Duration.ofMillis(200)).forEach(forecasts::add);
                            assertThat(forecasts).anySatisfy(r -> assertThat(r.value()).contains("heart_rate-lstm"));
                        });
                }
                assertThat(runner.health().ready()).isTrue();
            }
        }
    }
}
