package io.vitalcast.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka cluster in this JVM: Kafka's own {@link KafkaRaftServer} in combined broker and controller
 * mode, listening on 127.0.0.1 only, with one replica for every internal topic. Storage is formatted with Kafka's
 * {@link StorageTool} on first start (its {@code execute}, never its {@code main}, which exits the JVM) and resumed
 * as it is on later starts, so a demo keeps its topics, offsets and Kafka Streams changelogs across restarts.
 *
 * <p>The controller quorum is static ({@code controller.quorum.voters}): its address lives in configuration, not in
 * the metadata log, so a resumed broker may come back on other ports.
 *
 * <p>{@link #start} returns once the broker answers an admin request. Not thread-safe; {@link #close} is idempotent.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
        "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.coordinator",
        "org.apache.kafka.raft", "org.apache.kafka.storage", "org.apache.kafka.image", "org.apache.kafka.queue",
        "org.apache.kafka.metadata", "org.apache.kafka.snapshot", "org.apache.kafka.common.config.AbstractConfig");
    private static final String SIMPLE_LOGGER_PREFIX = "org.slf4j.simpleLogger.log.";

    private final Path dataDirectory;
    private final boolean temporary;
    private final boolean resumed;
    private final String bootstrapServers;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dataDirectory, boolean temporary, boolean resumed, String bootstrapServers,
                          KafkaRaftServer server) {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.resumed = resumed;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
    }

    /**
     * Formats (when new) and starts a broker, and waits until it serves requests.
     *
     * @throws EmbeddedKafkaException when the directory cannot be formatted or used, or the broker does not start
     */
    public static EmbeddedKafka start(EmbeddedKafkaSettings settings) {
        quietBrokerLogging();
        boolean temporary = settings.dataDirectory() == null;
        Path dataDirectory;
        try {
            dataDirectory = temporary ? Files.createTempDirectory("vitalcast-kafka")
                : Files.createDirectories(settings.dataDirectory());
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot create the Kafka data directory " + settings.dataDirectory()
                + ": " + e.getMessage(), e);
        }
        int port = settings.port() == 0 ? freePort() : settings.port();
        int controllerPort = freePort();
        Path logDirectory = dataDirectory.resolve("logs");
        Map<String, String> properties = properties(logDirectory, port, controllerPort);
        properties.putAll(settings.overrides());
        Path configFile = dataDirectory.resolve("server.properties");
        writeProperties(configFile, properties);

        boolean resumed = Files.isRegularFile(logDirectory.resolve("meta.properties"));
        if (!resumed) {
            format(configFile);
        }
        Properties serverProperties = new Properties();
        serverProperties.putAll(properties);
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(new KafkaConfig(serverProperties, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException("cannot start Kafka in " + dataDirectory + ": " + e.getMessage(), e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(dataDirectory, temporary, resumed, HOST + ":" + port, server);
        try {
            server.startup();
            kafka.awaitReady();
        } catch (RuntimeException e) {
            kafka.close();
            throw e instanceof EmbeddedKafkaException ? e
                : new EmbeddedKafkaException("Kafka did not start in " + dataDirectory + ": " + e.getMessage(), e);
        }
        return kafka;
    }

    /** Where clients connect: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's data. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether this start found a formatted directory and resumed it, rather than formatting a new one. */
    public boolean resumed() {
        return resumed;
    }

    /** Shuts the broker down cleanly, waits for it, and deletes a temporary data directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (temporary) {
                deleteRecursively(dataDirectory);
            }
        }
    }

    /**
     * Lowers the broker's own loggers to WARN in slf4j-simple (Vitalcast's logging backend), unless a level was
     * already set for them with {@code -Dorg.slf4j.simpleLogger.log.NAME}. A broker logs thousands of INFO lines
     * while starting; in a demo they would bury Vitalcast's output, and the broker is not what is being shown.
     * The configuration dumps ({@code AbstractConfig}, a few hundred lines per client or server component) go too,
     * clients' included. Other client loggers ({@code org.apache.kafka.clients}, {@code org.apache.kafka.streams})
     * are left alone. Takes effect
     * for loggers created afterwards, which the broker's are when it starts.
     */
    public static void quietBrokerLogging() {
        for (String logger : BROKER_LOGGERS) {
            if (System.getProperty(SIMPLE_LOGGER_PREFIX + logger) == null) {
                System.setProperty(SIMPLE_LOGGER_PREFIX + logger, "warn");
            }
        }
        // every segment written during an accelerated replay "contains future timestamps": expected, not a warning
        if (System.getProperty(SIMPLE_LOGGER_PREFIX + "LogFutureTimestampLogger") == null) {
            System.setProperty(SIMPLE_LOGGER_PREFIX + "LogFutureTimestampLogger", "error");
        }
    }

    static Map<String, String> properties(Path logDirectory, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        // an accelerated replay runs event time ahead of the clock, and Kafka Streams stamps its output and changelog
        // records with event time: accept future timestamps instead of failing the forecaster after an hour
        p.put("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE));
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDirectory.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        return p;
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // transactions v1: under exactly-once Kafka Streams, a single 4.3.1 broker with transactions v2 was seen to
        // answer CONCURRENT_TRANSACTIONS retries with OutOfOrderSequenceException and stall a task (EndToEndIT)
        String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
            "--feature", "transaction.version=1"};
        int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, print);
        } catch (RuntimeException e) {
            throw new EmbeddedKafkaException("cannot format Kafka storage for " + configFile.getParent() + ": "
                + e.getMessage() + describeOutput(output), e);
        }
        if (exitCode != 0) {
            throw new EmbeddedKafkaException("cannot format Kafka storage for " + configFile.getParent()
                + " (exit code " + exitCode + ")" + describeOutput(output));
        }
    }

    private void awaitReady() {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.CLIENT_ID_CONFIG, "vitalcast-embedded-ready");
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while waiting for Kafka to start", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaException("Kafka at " + bootstrapServers + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    private static void writeProperties(Path file, Map<String, String> properties) {
        Properties out = new Properties();
        out.putAll(properties);
        try (OutputStream stream = Files.newOutputStream(file)) {
            out.store(stream, "written by Vitalcast on every start of its embedded Kafka");
        } catch (IOException e) {
            throw new EmbeddedKafkaException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describeOutput(ByteArrayOutputStream output) {
        String text = output.toString(StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing a shutdown for
        }
    }
}
