package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vitalcast.config.VitalcastConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service killed with SIGKILL again and again under load, as a pod in a crash loop: the packaged jar runs as a
 * process of its own and is killed {@value #KILLS} times, each time a moment after it started forecasting (so with
 * a transaction open), and started again on its own state directory, where its successor finds the process id, the
 * transactional id and the stores of the killed one. A last instance in this JVM on the same directory finishes the
 * stream. A read_committed consumer must see every step of every series forecast exactly once. The figures (inputs,
 * outcomes, duplicates, losses, and the recovery time of every restart: from the start of the process to its first
 * forecast committed) are printed.
 *
 * <p>The instances' {@code session.timeout.ms} is 3 s (the broker allows it), so that each successor's group join
 * does not wait 45 s for the killed member to expire.
 */
class InstanceKillLoopIT {
    private static final Path JAR = Path.of("target", "vitalcast.jar");
    private static final int PARTITIONS = 3;
    private static final int KILLS = 3;
    /** How long each killed instance forecasts before it is killed: its transactions are 100 ms long. */
    private static final long[] RUN_BEFORE_KILL_MS = {1500, 2300, 700};
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final int SIGKILL_EXIT = 128 + 9;

    @TempDir
    Path temp;

    private Process instance;

    @AfterEach
    void killInstance() throws InterruptedException {
        if (instance != null) {
            instance.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldForecastEveryStepExactlyOnceWhenTheInstanceIsKilledThreeTimesUnderLoad() throws Exception {
        FaultFigures figures = new FaultFigures("InstanceKillLoopIT");
        KafkaClusterTestKit cluster = TestBrokers.startSingleNode(Map.of(
            "group.min.session.timeout.ms", "1000",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500"));
        try (cluster) {
            TestTopics topics = new TestTopics("killloop", cluster.bootstrapServers());
            Path state = temp.resolve("state");
            VitalcastConfig config = topics.config(state, PARTITIONS, "session.timeout.ms=3000",
                "heartbeat.interval.ms=1000");
            try (Admin admin = topics.admin()) {
                new TopicCreator(admin, TestTopics.WAIT).createMissing(config.topics().all(), PARTITIONS,
                    config.topicReplicationFactor());
                try (LiveMonitors monitors = new LiveMonitors(topics.bootstrapServers(), topics.readings(),
                         TestReadings.patients(10), Duration.ofMillis(150));
                     ForecastTail tail = new ForecastTail(topics.bootstrapServers(), topics.forecasts())) {
                    monitors.start();
                    tail.start();
                    for (int kill = 0; kill < KILLS; kill++) {
                        Path log = Path.of("target", "InstanceKillLoopIT-instance-" + (kill + 1) + ".log");
                        Map<TopicPartition, Long> ends = tail.ends(admin);
                        long started = System.nanoTime();
                        instance = startInstance(topics, state, log);
                        Duration recovery = tail.awaitFirstBeyond(ends, started, RECOVERY);
                        figures.print("instance " + (kill + 1) + ": start -> first forecast committed",
                            recovery.toMillis() + " ms");
                        Thread.sleep(RUN_BEFORE_KILL_MS[kill]);
                        assertThat(instance.isAlive()).as("instance %d running, see %s", kill + 1, log).isTrue();
                        instance.destroyForcibly();
                        assertThat(instance.waitFor(30, TimeUnit.SECONDS)).as("instance killed").isTrue();
                        assertThat(instance.exitValue()).as("exit status").isEqualTo(SIGKILL_EXIT);
                    }
                    Map<TopicPartition, Long> ends = tail.ends(admin);
                    long started = System.nanoTime();
                    try (StreamsRunner last = new StreamsRunner(config)) {
                        last.start();
                        figures.print("last instance: start -> first forecast committed",
                            tail.awaitFirstBeyond(ends, started, RECOVERY).toMillis() + " ms");
                        monitors.finish();
                        topics.awaitAllConsumed(config, last);
                    }
                    figures.assertExactlyOnce(topics, monitors);
                }
            }
        }
    }

    /** The packaged jar's {@code run} in a JVM of its own, so that it can be killed. */
    private static Process startInstance(TestTopics topics, Path state, Path log) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", JAR.toString(), "run",
            "--bootstrap-servers", topics.bootstrapServers(), "--metrics-port", "0"));
        List<String> settings = new ArrayList<>(topics.assignments(state, PARTITIONS));
        settings.add("session.timeout.ms=3000");
        settings.add("heartbeat.interval.ms=1000");
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
