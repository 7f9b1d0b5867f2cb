package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

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
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgements and readings from clients whose partitioners disagree, on a real broker with four partitions:
 * Debian's {@code kcat} (librdkafka's default partitioner hashes keys with CRC32) and the Java producer (murmur2).
 * One patient's readings come from the Java producer and its acknowledgement from kcat; the other's readings and
 * acknowledgement both from kcat. Before, an acknowledgement that landed on another partition than its patient's
 * readings came back {@code UNKNOWN_ALERT}; now both are accepted and published as {@code ACKNOWLEDGED} events.
 */
class AckRoutingIT {
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = TestTopics.WAIT;

    @TempDir
    Path temp;

    @Test
    void shouldAcceptAcknowledgementsFromKcatWhateverPartitionerTheReadingsCameWith() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not installed (apt-get install kcat)");
        String javaPatient = patientWhosePartitionsDiffer("java-");
        String kcatPatient = patientWhosePartitionsDiffer("kcat-");
        try (KafkaClusterTestKit cluster = TestBrokers.startSingleNode()) {
            VitalcastConfig config = config(cluster.bootstrapServers());
            try (StreamsRunner runner = new StreamsRunner(config);
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
                 KafkaConsumer<String, String> consumer = consumer(cluster.bootstrapServers())) {
                runner.start();
                await("Kafka Streams running").atMost(WAIT)
                    .until(() -> runner.state().orElseThrow() == KafkaStreams.State.RUNNING);
                Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
                StringBuilder kcatReadings = new StringBuilder();
                for (int s = 0; s < 24; s++) {
                    double value = s < 12 ? 80 : 175;
                    producer.send(new ProducerRecord<>("vitals.readings", javaPatient, TestJson.text(
                        TestJson.reading(javaPatient, "heart_rate", start.plusSeconds(s), value)))).get();
                    kcatReadings.append(kcatPatient).append('\t').append(TestJson.text(TestJson.reading(kcatPatient,
                        "heart_rate", start.plusSeconds(s), value))).append('\n');
                }
                kcat(cluster.bootstrapServers(), "vitals.readings", kcatReadings.toString());

                consumer.subscribe(Set.of("vitals.alerts", "vitals.rejected", "vitals.readings"));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                await("a LIMIT alert open for both patients").atMost(WAIT).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(openLimit(received, javaPatient)).isNotNull();
                    assertThat(openLimit(received, kcatPatient)).isNotNull();
                });
                assertThat(received).filteredOn(r -> r.topic().equals("vitals.readings")
                        && r.key().equals(kcatPatient)).as("kcat's readings, on the CRC32 partition")
                    .allSatisfy(r -> assertThat(r.partition()).isEqualTo(crc32Partition(kcatPatient))
                        .isNotEqualTo(murmur2Partition(kcatPatient)));

                StringBuilder acks = new StringBuilder();
                for (String patient : List.of(javaPatient, kcatPatient)) {
                    acks.append(patient).append('\t').append(TestJson.text(TestJson.ack(openLimit(received, patient),
                        patient, "ACK").put("by", "nurse-kcat"))).append('\n');
                }
                kcat(cluster.bootstrapServers(), "vitals.alert-acks", acks.toString());

                await("both acknowledgements published").atMost(WAIT).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(events(received, "ACKNOWLEDGED")).containsExactlyInAnyOrder(javaPatient, kcatPatient);
                });
                assertThat(received).filteredOn(r -> r.topic().equals("vitals.rejected"))
                    .as("rejections").isEmpty();
            }
        }
    }

    private VitalcastConfig config(String bootstrap) {
        List<Setting> settings = new ArrayList<>(List.of(
            new Setting("bootstrap.servers", bootstrap, "test"),
            new Setting("state.dir", temp.resolve("state").toString(), "test"),
            new Setting("vitalcast.models.dir", "", "test"),
            new Setting("vitalcast.metrics.port", "0", "test")));
        for (String assignment : List.of("application.id=vitalcast-ack-routing-it",
            "vitalcast.topics.partitions=" + PARTITIONS, "vitalcast.signals.heart_rate.step=1s",
            "vitalcast.window.grace=0s")) {
            settings.add(ConfigLayers.assignment(assignment, "test"));
        }
        return VitalcastConfig.load(null, Map.of(), settings);
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "ack-routing-it-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** The id of the patient's open LIMIT alert, or null. */
    private static String openLimit(List<ConsumerRecord<String, String>> received, String patient) {
        return received.stream().filter(r -> r.topic().equals("vitals.alerts") && patient.equals(r.key()))
            .map(r -> TestJson.tree(r.value()))
            .filter(a -> a.get("kind").asText().equals("LIMIT") && a.get("state").asText().equals("OPEN"))
            .map(a -> a.get("alertId").asText()).findFirst().orElse(null);
    }

    private static List<String> events(List<ConsumerRecord<String, String>> received, String state) {
        return received.stream().filter(r -> r.topic().equals("vitals.alerts"))
            .map(r -> TestJson.tree(r.value())).filter(a -> a.get("state").asText().equals(state))
            .map(a -> a.get("patientId").asText()).toList();
    }

    /** A patient id that kcat's default partitioner and the Java producer put on different partitions. */
    private static String patientWhosePartitionsDiffer(String prefix) {
        for (int i = 0; ; i++) {
            String patient = prefix + i;
            if (crc32Partition(patient) != murmur2Partition(patient)) {
                return patient;
            }
        }
    }

    private static int crc32Partition(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % PARTITIONS);
    }

    private static int murmur2Partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static void kcat(String bootstrap, String topic, String lines) throws Exception {
        Process process = new ProcessBuilder("kcat", "-b", bootstrap, "-P", "-t", topic, "-K", "\t")
            .redirectErrorStream(true).start();
        process.getOutputStream().write(lines.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kcat: " + output).isZero();
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "-V").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
