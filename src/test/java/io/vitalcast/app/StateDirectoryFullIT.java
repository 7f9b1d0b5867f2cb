package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vitalcast.config.VitalcastConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the state directory. A new stream thread would fail on the same directory, so the service must
 * stop with one clear ERROR line naming the directory and the cause, exit with 1 (so that the orchestrator restarts
 * it, alerts, or both), and lose nothing: under exactly-once the input offsets are committed only with the outputs
 * of the records before them, so once the disk has room again, a new instance on the same directory forecasts every
 * step exactly once.
 *
 * <p>The state directory is a tmpfs of {@value #TMPFS_SIZE} that the test fills with a file once the service is
 * forecasting under load; the service is the packaged jar in a JVM of its own, with RocksDB memtables of 64 KiB
 * ({@link SmallMemtables}) so that its stores write to the full disk within seconds. Mounting needs root with
 * {@code CAP_SYS_ADMIN}; the test is skipped where {@code mount -t tmpfs} is not allowed.
 */
class StateDirectoryFullIT {
    private static final Path JAR = Path.of("target", "vitalcast.jar");
    private static final String TMPFS_SIZE = "16m";
    private static final int PARTITIONS = 3;
    private static final Duration FAILURE = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private Path mountPoint;
    private Process instance;

    @AfterEach
    void unmount() throws Exception {
        if (instance != null) {
            instance.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (mountPoint != null) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    void shouldExitWithOneNamingTheStateDirectoryAndLoseNothingWhenItsDiskIsFull() throws Exception {
        mountPoint = Files.createDirectories(temp.resolve("state-fs"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE, "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "mount -t tmpfs is not allowed here");
        Path state = mountPoint.resolve("state");
        FaultFigures figures = new FaultFigures("StateDirectoryFullIT");
        KafkaClusterTestKit cluster = TestBrokers.startSingleNode();
        try (cluster) {
            TestTopics topics = new TestTopics("diskfull", cluster.bootstrapServers());
            VitalcastConfig config = topics.config(state, PARTITIONS);
            Path log = Path.of("target", "StateDirectoryFullIT-instance.log");
            try (Admin admin = topics.admin()) {
                new TopicCreator(admin, TestTopics.WAIT).createMissing(config.topics().all(), PARTITIONS,
                    config.topicReplicationFactor());
                try (LiveMonitors monitors = new LiveMonitors(topics.bootstrapServers(), topics.readings(),
                         TestReadings.patients(10), Duration.ofMillis(150));
                     ForecastTail tail = new ForecastTail(topics.bootstrapServers(), topics.forecasts())) {
                    monitors.start();
                    tail.start();
                    instance = startInstance(topics, state, log);
                    tail.awaitFirstBeyond(Map.of(), System.nanoTime(), Duration.ofSeconds(60));

                    long filled = fill(mountPoint.resolve("filler"));
                    long full = System.nanoTime();
                    figures.print("filler written to the state file system", filled + " bytes");
                    assertThat(instance.waitFor(FAILURE.toSeconds(), TimeUnit.SECONDS))
                        .as("the service stopped on the full disk, see %s", log).isTrue();
                    figures.print("disk full -> service exited", (System.nanoTime() - full) / 1_000_000 + " ms");
                    assertThat(instance.exitValue()).as("exit status, see %s", log).isEqualTo(1);
                    List<String> lines = Files.readAllLines(log);
                    List<String> stateErrors = lines.stream()
                        .filter(line -> line.contains("ERROR io.vitalcast.app.StreamsRunner - The state directory "
                            + state.toAbsolutePath() + " failed: ")).toList();
                    assertThat(stateErrors).as("the ERROR line naming the state directory, in %s", log).hasSize(1);
                    figures.print("error line", stateErrors.get(0));
                    assertThat(stateErrors.get(0)).contains("No space left on device").doesNotContain("p-0");
                    assertThat(lines).as("no stream thread replaced on a full disk")
                        .noneMatch(line -> line.contains("replacing it in"));

                    Files.delete(mountPoint.resolve("filler"));
                    try (StreamsRunner successor = new StreamsRunner(config)) {
                        successor.start();
                        monitors.finish();
                        topics.awaitAllConsumed(config, successor);
                    }
                    figures.assertExactlyOnce(topics, monitors);
                }
            }
        }
    }

    /** Writes zeros to a file until the file system is full; returns how many bytes it took. */
    private static long fill(Path file) {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            return written;
        }
    }

    /** The packaged jar's {@code run} in a JVM of its own, with the test classes for {@link SmallMemtables}. */
    private static Process startInstance(TestTopics topics, Path state, Path log) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = JAR + File.pathSeparator + Path.of("target", "test-classes");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", classpath,
            VitalcastCommand.class.getName(), "run", "--bootstrap-servers", topics.bootstrapServers(),
            "--metrics-port", "0"));
        List<String> settings = new ArrayList<>(topics.assignments(state, PARTITIONS));
        settings.add("rocksdb.config.setter=" + SmallMemtables.class.getName());
        for (String setting : settings) {
            command.add("--set");
            command.add(setting);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
