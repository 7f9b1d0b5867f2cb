package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The forecaster against a broker in a container (Testcontainers' {@code KafkaContainer}), where Docker runs. This
 * machine cannot pull images, so the broker image is the local {@code vitalcast-ci/kafka:4.3.1} that
 * {@code ../shared/ci/docker-images.sh} builds ({@code .ci/run} calls it); the test is skipped when Docker or the
 * image is missing.
 */
class KafkaContainerIT {
    private static final String IMAGE = "vitalcast-ci/kafka:4.3.1";
    private static final String PATIENT = "p-container";

    @TempDir
    Path temp;

    @Test
    void shouldForecastFromABrokerInAContainer() throws Exception {
        assumeTrue(dockerHasImage(), "Docker with the local image " + IMAGE + " is needed (run "
            + "../shared/ci/docker-images.sh)");
        try (KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(IMAGE)
            .asCompatibleSubstituteFor("apache/kafka"))) {
            kafka.start();
            List<Setting> settings = new ArrayList<>();
            for (String assignment : List.of("bootstrap.servers=" + kafka.getBootstrapServers(),
                "application.id=vitalcast-container-it", "state.dir=" + temp.resolve("state"),
                "vitalcast.models.dir=", "vitalcast.metrics.port=0", "vitalcast.topics.partitions=1")) {
                settings.add(ConfigLayers.assignment(assignment, "test"));
            }
            try (StreamsRunner runner = new StreamsRunner(VitalcastConfig.load(null, Map.of(), settings))) {
                runner.start();
                await("running").atMost(Duration.ofSeconds(60))
                    .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                    Instant start = Instant.parse("2026-11-25T16:00:00Z");
                    for (int minute = 0; minute < 5; minute++) {
                        producer.send(new ProducerRecord<>("vitals.readings", PATIENT, TestJson.text(
                            TestJson.reading(PATIENT, "heart_rate", start.plusSeconds(60L * minute), 70 + minute))))
                            .get();
                    }
                }
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "container-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                    new StringDeserializer())) {
                    consumer.subscribe(Set.of("vitals.forecasts"));
                    List<ConsumerRecord<String, String>> received = new ArrayList<>();
                    await("forecasts from the container").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        assertThat(received).anySatisfy(r -> {
                            assertThat(r.key()).isEqualTo(PATIENT);
                            assertThat(r.value()).contains("\"lastStepTime\":\"2026-11-25T16:00:00Z\"");
                        });
                    });
                }
            }
        }
    }

    private static boolean dockerHasImage() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return false;
            }
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

}
