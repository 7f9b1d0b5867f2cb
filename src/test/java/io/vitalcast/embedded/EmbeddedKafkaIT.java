package io.vitalcast.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vitalcast.app.VitalcastCommand;
import io.vitalcast.data.ReadingsCsv;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EmbeddedKafkaIT {
    private static final String TOPIC = "it.readings";

    @TempDir
    Path temp;

    @Test
    void shouldRoundTripARecordOverTheSocketAndKeepItAcrossARestart() throws Exception {
        Path data = temp.resolve("kafka");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.of(data, 0))) {
            assertThat(kafka.resumed()).isFalse();
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>(TOPIC, "p1", bytes("{\"value\":72}"))).get();
            }
            List<ConsumerRecord<String, byte[]>> records = consume(kafka, "first", 1);
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("p1");
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":72}");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.of(data, 0))) {
            assertThat(kafka.resumed()).isTrue();
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get()).contains(TOPIC);
                assertThat(admin.listConsumerGroupOffsets("first").partitionsToOffsetAndMetadata().get())
                    .extractingFromEntries(e -> e.getValue().offset()).containsOnly(1L, 0L);
            }
            assertThat(consume(kafka, "second", 1)).extracting(ConsumerRecord::key).containsExactly("p1");
        }
    }

    @Test
    void shouldReplayASampleIntoTheBrokerAsJsonKeyedByPatient() throws Exception {
        Path sample = Path.of("samples/mimic-s25047_numerics_1min.csv");
        Path more = Path.of("samples/mitdb-105_rr_interval.csv");
        int readings = ReadingsCsv.readLong(sample).size() + ReadingsCsv.readLong(more).size();
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.temporary());
        Path directory = kafka.dataDirectory();
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = VitalcastCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));

            int exit = cli.execute("replay", "--input", sample.toString(), "--speed", "0", "--topic", TOPIC,
                "--bootstrap-servers", kafka.bootstrapServers(), "--as-patient", "bed-1", "--copies", "2",
                more.toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).contains("replayed " + 2 * readings + " readings of 2 patients (bed-1-1, "
                + "bed-1-2)");
            List<ConsumerRecord<String, byte[]>> records = consume(kafka, "replay", 2 * readings);
            assertThat(records).extracting(ConsumerRecord::key)
                .containsOnly("bed-1-1", "bed-1-2");
            assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
                .contains("\"patientId\":\"bed-1-1\"", "\"signal\":", "\"timestamp\":");
            assertThat(directory).exists();
        } finally {
            kafka.close();
        }
        assertThat(directory).doesNotExist();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads {@code count} records from the start of the topic as group {@code group}, committing its offsets. */
    private static List<ConsumerRecord<String, byte[]>> consume(EmbeddedKafka kafka, String group, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(),
            new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            await("records on " + TOPIC).atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            consumer.commitSync();
            assertThat(consumer.assignment()).contains(new TopicPartition(TOPIC, 0));
        }
        return records;
    }
}
