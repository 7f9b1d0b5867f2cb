package io.vitalcast.app;

import static io.vitalcast.app.TestReadings.finalReadings;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once through a hard crash. {@link StreamingGuaranteesIT} only closes instances, and a closed instance
 * commits; a killed one (OOM killer, lost node) leaves a Kafka transaction open, with forecasts, changelog records and
 * rejections written but not committed. Here instance A runs the packaged jar as a process of its own and is killed
 * with SIGKILL while such a transaction is open; instance B then takes over in one of two ways:
 * <ul>
 *   <li>on A's state directory, as a pod restarted on its volume: B's producer has A's transactional id (Kafka
 *   Streams keeps its process id in the state directory), so B's start fences A and aborts the open transaction;</li>
 *   <li>on an empty one, as a pod on another node: the transaction coordinator aborts A's transaction when it times
 *   out, and B restores the state from the changelogs.</li>
 * </ul>
 *
 * <p>Either way B redoes the killed transaction's work from the last committed offsets. A read_committed consumer must
 * then see every step of every series forecast exactly once and every garbage reading rejected once, while a
 * read_uncommitted one also sees the aborted records: proof that the crash did leave output that exactly-once had to
 * hide. Readings are produced a minute of event time at a time while A and B run; a final reading per series closes
 * the last windows (see {@link StreamingGuaranteesIT}).
 */
class StreamingCrashIT {
    private static final Path JAR = Path.of("target", "vitalcast.jar");
    private static final Duration WAIT = TestTopics.WAIT;
    private static final int PARTITIONS = 3;
    private static final List<String> SIGNALS = List.of("heart_rate", "spo2");
    /** How often instance A commits: every transaction stays open for this long. */
    private static final long COMMIT_INTERVAL_MS = 5000;
    /** How old an open transaction may be when A is killed: far from the commit that would close it. */
    private static final long YOUNG_MS = 1500;
    private static final int SIGKILL_EXIT = 128 + 9;

    private static KafkaClusterTestKit cluster;

    @TempDir
    Path temp;

    private Process instanceA;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = TestBrokers.startSingleNode(Map.of(
            // lets instance A have a session timeout below the 6 s minimum
            "group.min.session.timeout.ms", "1000",
            // how often the coordinator looks for transactions past their timeout (10 s by default)
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void killInstanceA() throws InterruptedException {
        if (instanceA != null) {
            instanceA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldForecastEveryStepExactlyOnceAfterAnInstanceIsKilledWithAnOpenTransaction() throws Exception {
        killWithAnOpenTransactionAndTakeOver("restart", Successor.ON_THE_SAME_STATE_DIRECTORY);
    }

    @Test
    void shouldForecastEveryStepExactlyOnceWhenAFreshInstanceReplacesOneKilledWithAnOpenTransaction()
        throws Exception {
        killWithAnOpenTransactionAndTakeOver("replace", Successor.ON_AN_EMPTY_STATE_DIRECTORY);
    }

    private void killWithAnOpenTransactionAndTakeOver(String name, Successor successor) throws Exception {
        TestTopics topics = new TestTopics(name, cluster.bootstrapServers());
        Path stateA = temp.resolve("state-a");
        VitalcastConfig configB = topics.config(
            successor == Successor.ON_THE_SAME_STATE_DIRECTORY ? stateA : temp.resolve("state-b"), PARTITIONS);
        Path log = Path.of("target", "StreamingCrashIT-" + name + "-instance-a.log");
        List<ConsumerRecord<String, String>> aborted;
        Monitors monitors = new Monitors(topics, patients(20));
        try (monitors; Admin admin = topics.admin()) {
            new TopicCreator(admin, WAIT).createMissing(configB.topics().all(), PARTITIONS,
                configB.topicReplicationFactor());
            instanceA = startInstance(topics, stateA, log);
            while (!hasYoungOpenTransaction(admin, topics)) {
                assertThat(instanceA.isAlive()).as("instance A running, see %s", log).isTrue();
                assertThat(monitors.elapsed()).as("instance A forecasting in transactions, see %s", log)
                    .isLessThan(WAIT);
                monitors.nextMinute();
            }
            instanceA.destroyForcibly();
            assertThat(instanceA.waitFor(30, TimeUnit.SECONDS)).as("instance A killed").isTrue();
            assertThat(instanceA.exitValue()).as("exit status of instance A").isEqualTo(SIGKILL_EXIT);

            Map<TopicPartition, Long> stable = TestTopics.endOffsets(admin, topics.forecasts(),
                IsolationLevel.READ_COMMITTED);
            List<ConsumerRecord<String, String>> written = topics.read(topics.forecasts(),
                IsolationLevel.READ_UNCOMMITTED);
            assertThat(written).as("forecasts written by A, against those committed")
                .hasSizeGreaterThan(topics.read(topics.forecasts(), IsolationLevel.READ_COMMITTED).size());
            aborted = written.stream()
                .filter(r -> r.offset() >= stable.get(new TopicPartition(r.topic(), r.partition()))).toList();

            try (StreamsRunner instanceB = new StreamsRunner(configB)) {
                instanceB.start();
                while (!forecasting(instanceB)) {
                    assertThat(instanceB.failed()).as("instance B failed").isFalse();
                    assertThat(monitors.elapsed()).as("instance B forecasting").isLessThan(WAIT.multipliedBy(2));
                    monitors.nextMinute();
                }
                monitors.finish();
                topics.awaitAllConsumed(configB, instanceB);
            }
            await("no transaction of the application open").atMost(WAIT)
                .until(() -> openTransactions(admin, topics).isEmpty());
        }

        List<ConsumerRecord<String, String>> committed = topics.read(topics.forecasts(),
            IsolationLevel.READ_COMMITTED);
        List<String> steps = steps(committed);
        assertThat(steps).doesNotHaveDuplicates();
        assertThat(new HashSet<>(steps)).isEqualTo(monitors.expectedSteps());
        assertThat(positions(committed)).as("records of the killed transaction among the committed ones")
            .doesNotContainAnyElementsOf(positions(aborted));
        assertThat(steps).as("steps of the killed transaction forecast again").containsAll(steps(aborted));
        assertThat(topics.read(topics.forecasts(), IsolationLevel.READ_UNCOMMITTED)).as("forecasts written")
            .hasSizeGreaterThanOrEqualTo(committed.size() + aborted.size());

        List<Position> rejectedInputs = topics.readCommitted(topics.rejected()).stream()
            .map(r -> new Position(r.get("partition").asInt(), r.get("offset").asLong())).toList();
        assertThat(rejectedInputs).doesNotHaveDuplicates();
        assertThat(new HashSet<>(rejectedInputs)).isEqualTo(monitors.garbage());
    }

    /** Instance A: the packaged jar's {@code run} in a JVM of its own, so that it can be killed. */
    private static Process startInstance(TestTopics topics, Path state, Path log) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString(), "run",
            "--bootstrap-servers", topics.bootstrapServers(), "--metrics-port", "0"));
        List<String> settings = new ArrayList<>(topics.assignments(state, PARTITIONS));
        // Kafka Streams requires it below the transaction timeout, 10 s under exactly-once
        settings.add("commit.interval.ms=" + COMMIT_INTERVAL_MS);
        // with its record caches, Kafka Streams passes the windows on to the forecaster only when it commits, and a
        // transaction would hold forecasts for the last moment before its commit only
        settings.add("statestore.cache.max.bytes=0");
        // the group drops A this long after its last heartbeat, and B gets A's partitions
        settings.add("session.timeout.ms=3000");
        settings.add("heartbeat.interval.ms=1000");
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Whether a transaction of the application is open, was opened less than {@link #YOUNG_MS} ago (so its commit is
     * seconds away: a transaction opens right after the commit of the one before) and holds forecasts, while
     * forecasts of an earlier transaction are committed.
     */
    private static boolean hasYoungOpenTransaction(Admin admin, TestTopics topics) throws Exception {
        Map<TopicPartition, Long> stable = TestTopics.endOffsets(admin, topics.forecasts(),
            IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, Long> written = TestTopics.endOffsets(admin, topics.forecasts(),
            IsolationLevel.READ_UNCOMMITTED);
        if (stable.values().stream().allMatch(offset -> offset == 0)) {
            return false;
        }
        long now = System.currentTimeMillis();
        return openTransactions(admin, topics).stream().anyMatch(transaction ->
            now - transaction.transactionStartTimeMs().orElse(0) < YOUNG_MS
                && transaction.topicPartitions().stream().anyMatch(tp -> written.getOrDefault(tp, 0L)
                    > stable.getOrDefault(tp, Long.MAX_VALUE)));
    }

    private static Collection<TransactionDescription> openTransactions(Admin admin, TestTopics topics)
        throws ExecutionException, InterruptedException {
        String application = "vitalcast-" + topics.name() + "-";
        List<String> ids = admin.listTransactions(new ListTransactionsOptions()
                .filterStates(List.of(TransactionState.ONGOING))).all().get().stream()
            .map(listing -> listing.transactionalId()).filter(id -> id.startsWith(application)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return admin.describeTransactions(ids).all().get().values().stream()
            .filter(transaction -> transaction.state() == TransactionState.ONGOING).toList();
    }

    private static boolean forecasting(StreamsRunner runner) {
        return runner.state().orElse(KafkaStreams.State.CREATED) == KafkaStreams.State.RUNNING
            && runner.registry().find(VitalcastMetrics.READINGS).tag("outcome", "accepted").counters().stream()
                .mapToDouble(c -> c.count()).sum() > 0;
    }

    private static List<String> steps(List<ConsumerRecord<String, String>> forecasts) {
        return forecasts.stream().map(r -> TestReadings.forecastId(TestTopics.json(r))).toList();
    }

    private static Set<Position> positions(List<ConsumerRecord<String, String>> records) {
        Set<Position> positions = new HashSet<>();
        records.forEach(r -> positions.add(new Position(r.partition(), r.offset())));
        return positions;
    }

    /** How instance B takes over from the killed instance A. */
    private enum Successor {
        ON_THE_SAME_STATE_DIRECTORY, ON_AN_EMPTY_STATE_DIRECTORY
    }

    /** Where a record is in its topic. */
    private record Position(int partition, long offset) {
    }

    /**
     * The patients' bedside monitors: every call to {@link #nextMinute()} sends the next minute of heart rate and
     * SpO2 of every patient, a tenth of a second after the one before, and every fourth minute a garbage record.
     */
    private static final class Monitors implements AutoCloseable {
        private static final long PACE_MS = 100;

        private final TestTopics topics;
        private final List<String> patients;
        private final KafkaProducer<String, String> producer;
        private final List<Future<RecordMetadata>> garbage = new ArrayList<>();
        private final AtomicReference<Exception> refused = new AtomicReference<>();
        private final long startNanos = System.nanoTime();
        private int minutes;

        Monitors(TestTopics topics, List<String> patients) {
            this.topics = topics;
            this.patients = patients;
            this.producer = topics.producer();
        }

        void nextMinute() throws InterruptedException {
            Thread.sleep(PACE_MS);
            long time = minute(minutes);
            for (int i = 0; i < patients.size(); i++) {
                String patient = patients.get(i);
                send(reading(topics.readings(), patient, "heart_rate", time, 70 + (minutes + i) % 9, "bpm"));
                send(reading(topics.readings(), patient, "spo2", time, 94 + (minutes + i) % 5, "%"));
            }
            if (minutes % 4 == 1) {
                garbage.add(send(new ProducerRecord<>(topics.readings(), null, time,
                    patients.get(minutes % patients.size()), "not a reading, minute " + minutes)));
            }
            minutes++;
        }

        /** Sends the final readings that close the last windows, and waits until the broker has every record. */
        void finish() {
            finalReadings(topics.readings(), patients, SIGNALS, minutes).forEach(this::send);
            producer.flush();
            assertThat(refused.get()).as("a record the broker refused").isNull();
        }

        private Future<RecordMetadata> send(ProducerRecord<String, String> record) {
            return producer.send(record, (metadata, e) -> {
                if (e != null) {
                    refused.compareAndSet(null, e);
                }
            });
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        Set<String> expectedSteps() {
            Set<String> steps = new HashSet<>();
            for (String patient : patients) {
                for (String signal : SIGNALS) {
                    for (int minute = 0; minute < minutes; minute++) {
                        steps.add(stepId(patient, signal, Instant.ofEpochMilli(minute(minute))));
                    }
                }
            }
            return steps;
        }

        /** Where the garbage records are on the readings topic. */
        Set<Position> garbage() throws Exception {
            Set<Position> positions = new HashSet<>();
            for (Future<RecordMetadata> sent : garbage) {
                RecordMetadata metadata = sent.get();
                positions.add(new Position(metadata.partition(), metadata.offset()));
            }
            return positions;
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
