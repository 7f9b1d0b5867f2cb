package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts, kills and restarts a {@link BrokerProcess}: one broker in a JVM of its own, on a data directory and a port
 * that stay the same across restarts, its output appended to a log file.
 */
final class BrokerProcessHandle implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private final List<String> settings;
    private Process process;
    private int starts;
    private long lastReady;

    BrokerProcessHandle(Path dataDirectory, Path log, List<String> settings) {
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.port = freePort();
        this.settings = List.copyOf(settings);
        try {
            // start() counts the ready lines of this handle's broker: none from an earlier run may be there
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * The classpath of the tests: under failsafe {@code java.class.path} may be a booter jar with a manifest
     * classpath, and {@code surefire.test.class.path} holds the real entries.
     */
    static String testClasspath() {
        String classpath = System.getProperty("surefire.test.class.path");
        return classpath == null || classpath.isBlank() ? System.getProperty("java.class.path") : classpath;
    }

    /** Starts the broker and waits until it serves requests. */
    void start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m",
            "-Dorg.slf4j.simpleLogger.log.kafka.coordinator.transaction=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.coordinator.transaction=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage.internals.log.ProducerStateManager=info",
            "-Dorg.slf4j.simpleLogger.log.kafka.log.LogManager=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
            "-cp", testClasspath(),
            BrokerProcess.class.getName(), dataDirectory.toString(), Integer.toString(port)));
        command.addAll(settings);
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        starts++;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (readyLines() < starts) {
            assertThat(process.isAlive()).as("broker process running, see %s", log).isTrue();
            assertThat(System.nanoTime()).as("broker ready within %s, see %s", START_TIMEOUT, log)
                .isLessThan(deadline);
            Thread.sleep(100);
        }
        lastReady = System.nanoTime();
    }

    /** When the broker last became ready, as a {@link System#nanoTime()}. */
    long lastStart() {
        return lastReady;
    }

    private long readyLines() throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.startsWith(BrokerProcess.READY)).count();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no controlled shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("broker killed").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
