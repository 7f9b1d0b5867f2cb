package io.vitalcast.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.errors.UserException;
import io.vitalcast.metrics.Health;
import io.vitalcast.metrics.MetricsServer;
import io.vitalcast.metrics.StoreTagsFilter;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.streaming.ErrorHandling;
import io.vitalcast.streaming.ForecasterWiring;
import io.vitalcast.streaming.StreamingSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a topology on a Kafka cluster: the lifecycle, kept apart from the topology itself (as in the Kafka Streams
 * examples), so that tests build the very topology production runs. In order, {@link #start()} serves the metrics
 * endpoint, creates the missing topics, and starts Kafka Streams with a state listener and an uncaught-exception
 * handler; {@link #close()} undoes all of it.
 *
 * <p>Failure policy, when a stream thread dies of an uncaught exception (decided by {@link StreamThreadPolicy}):
 * <ul>
 *   <li>by default the thread is replaced: what reaches this handler is mostly the cluster (a broker killed and back
 *   after the producer's delivery timeout, a changelog write that failed), since the record-level exception
 *   handlers already set aside what a record is to blame for. Under exactly-once the open transaction is aborted and
 *   the new thread resumes from the committed offsets. Logged at ERROR, counted in
 *   {@code vitalcast_stream_thread_replacements_total}, after a backoff of {@code min(2^n, 30)} s ({@code n}
 *   failures in the last 10 minutes) on the dying thread, cut short when the runner closes;</li>
 *   <li>a failure of the state directory (a full disk, a broken RocksDB store) would fail every new thread as well:
 *   the client shuts down with one ERROR line naming the state directory and the root cause, and
 *   {@link #runUntilStopped()} returns 1;</li>
 *   <li>with {@code vitalcast.processing.errors=fail} (development) every such exception shuts the client down and
 *   {@link #runUntilStopped()} returns 1.</li>
 * </ul>
 * A restoration that a hanging transaction stalls (left by a broker killed and restarted) is unblocked by
 * {@link HangingTransactions}, counted in {@code vitalcast_hanging_transactions_aborted_total}.
 * Logs at INFO and above name exception types and code locations, never exception messages, which may carry
 * patient ids (except a file-system root cause of a state-directory failure, whose message names files); the full
 * exception is logged at DEBUG.
 *
 * <p>{@code start} and {@code close} are thread-safe; {@code close} is idempotent and is also the shutdown hook.
 */
public final class StreamsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final VitalcastConfig config;
    private final BiFunction<StreamingSettings, VitalcastMetrics, Topology> topologyFactory;
    private final PrometheusMeterRegistry registry = newRegistry();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final RestoringPartitions restoring = new RestoringPartitions();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final StreamThreadPolicy threadPolicy;
    private final Counter threadReplacements;
    private final Counter hangingTransactionsAborted;
    private volatile String stateDirectory = "";
    private volatile boolean failed;
    private volatile boolean starting;
    private volatile KafkaStreams streams;
    private volatile MetricsServer metricsServer;
    private boolean closed;

    /** A runner of Vitalcast's forecasting topology. */
    public StreamsRunner(VitalcastConfig config) {
        this(config, ForecasterWiring::forecaster);
    }

    /** A runner of the topology the factory builds from the streaming settings and metrics. */
    public StreamsRunner(VitalcastConfig config,
                         BiFunction<StreamingSettings, VitalcastMetrics, Topology> topologyFactory) {
        this.config = config;
        this.topologyFactory = topologyFactory;
        this.threadPolicy = new StreamThreadPolicy(config.processingErrors(), Clock.systemUTC());
        this.threadReplacements = Counter.builder(VitalcastMetrics.STREAM_THREAD_REPLACEMENTS)
            .description("Stream threads replaced after an uncaught exception").register(registry);
        this.hangingTransactionsAborted = Counter.builder(VitalcastMetrics.HANGING_TRANSACTIONS_ABORTED)
            .description("Hanging transactions aborted because they stalled a restoration").register(registry);
    }

    /**
     * Serves metrics, creates missing topics and starts the Kafka Streams client, returning once it is starting.
     *
     * @throws UserException when the metrics port is taken or the cluster cannot be reached
     */
    public synchronized void start() {
        if (closed || streams != null) {
            throw new IllegalStateException("a runner starts once");
        }
        starting = true;
        try {
            startServices();
        } finally {
            starting = false;
        }
    }

    private void startServices() {
        metricsServer = serveMetrics();
        closeables.add(metricsServer);
        StreamingSettings settings = config.toStreamingSettings();
        VitalcastMetrics metrics = new VitalcastMetrics(registry, config.watchedPatients());
        Properties properties = config.kafkaProperties();
        properties.putAll(ErrorHandling.streamsProperties(settings, metrics));
        StreamsConfig streamsConfig = new StreamsConfig(properties);
        stateDirectory = streamsConfig.getString(StreamsConfig.STATE_DIR_CONFIG);
        Map<String, Object> adminConfigs = new java.util.HashMap<>(
            streamsConfig.getAdminConfigs(config.applicationId() + "-topics"));
        // an unreachable cluster: a connection warning every 10 s rather than every second until the timeout
        adminConfigs.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        Admin admin = Admin.create(adminConfigs);
        int readingPartitions;
        try {
            TopicCreator topics = new TopicCreator(admin, config.service().connectTimeout());
            topics.createMissing(config.topics().all(), config.topicPartitions(), config.topicReplicationFactor());
            readingPartitions = topics.partitionsOf(config.topics().readings());
        } catch (UserException e) {
            throw new UserException("Kafka at " + config.bootstrapServers() + ": " + e.getMessage());
        } finally {
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
        // readings found on another partition than their patient's are routed to it (see ForecastTopology)
        Topology topology = topologyFactory.apply(settings.withReadingPartitions(readingPartitions), metrics);
        LOG.debug("Topology:\n{}", topology.describe());
        streams = new KafkaStreams(topology, streamsConfig);
        streams.setStateListener(this::onStateChange);
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
        streams.setGlobalStateRestoreListener(restoring);
        bindMetrics(streams);
        // a restoration that a hanging transaction stalls never finishes by itself (see HangingTransactions)
        Admin transactionsAdmin = Admin.create(adminConfigs);
        closeables.add(() -> transactionsAdmin.close(ADMIN_CLOSE_TIMEOUT));
        HangingTransactions hanging = new HangingTransactions(transactionsAdmin, config.applicationId(),
            List.of(config.topics().forecasts(), config.topics().alerts(), config.topics().rejected()), restoring,
            hangingTransactionsAborted::increment);
        closeables.add(0, hanging);
        hanging.start();
        streams.start();
        LOG.info("Streaming from {} on {}; metrics at {}", config.topics().readings(), config.bootstrapServers(),
            metricsServer.uri());
    }

    /**
     * Starts, installs a shutdown hook (Ctrl-C, SIGTERM) that closes the runner, and waits until the client stops.
     * Ctrl-C while the topics are being created interrupts the start rather than waiting for the cluster.
     *
     * @return 0 after an orderly stop, 1 when the client failed
     */
    public int runUntilStopped() throws InterruptedException {
        Thread caller = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (starting) {
                caller.interrupt();
            }
            close();
        }, "vitalcast-shutdown"));
        start();
        stopped.await();
        return failed ? 1 : 0;
    }

    /** Closes the Kafka Streams client (committing what it processed), the metrics endpoint and the registry. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        if (streams != null) {
            LOG.info("Closing the Kafka Streams client");
            if (!streams.close(CLOSE_TIMEOUT)) {
                LOG.warn("The Kafka Streams client did not close within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        }
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", closeable.getClass().getSimpleName(), e.getClass().getName());
            }
        }
        registry.close();
        stopped.countDown();
    }

    /** The registry behind {@code /metrics}, for an in-process view such as the demo console. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * What {@code /health} answers: ready only while the client runs with no state store restoring, so that a
     * readiness probe does not send work to an instance that is still catching up on its changelogs.
     */
    public Health health() {
        KafkaStreams client = streams;
        if (client == null) {
            return Health.STARTING;
        }
        return switch (client.state()) {
            case CREATED -> Health.STARTING;
            case REBALANCING -> new Health(restoring.any() ? "RESTORING" : "REBALANCING", false);
            case RUNNING -> restoring.any() ? new Health("RESTORING", false) : new Health("RUNNING", true);
            case PENDING_SHUTDOWN, NOT_RUNNING -> new Health("STOPPING", false);
            case PENDING_ERROR, ERROR -> new Health("ERROR", false);
        };
    }

    /** The state of the Kafka Streams client, or empty before {@link #start()}. */
    public Optional<KafkaStreams.State> state() {
        return Optional.ofNullable(streams).map(KafkaStreams::state);
    }

    /**
     * The Kafka Streams client's own metrics (RocksDB memory among them, per store), or none before
     * {@link #start()}: for a harness that sums them, where the Prometheus names would have to be reversed.
     */
    public Map<MetricName, ? extends Metric> kafkaStreamsMetrics() {
        KafkaStreams client = streams;
        return client == null ? Map.of() : client.metrics();
    }

    /** The scrape address of the metrics endpoint, once started. */
    public URI metricsUri() {
        if (metricsServer == null) {
            throw new IllegalStateException("not started");
        }
        return metricsServer.uri();
    }

    /** Whether the client stopped because of an uncaught exception. */
    public boolean failed() {
        return failed;
    }

    private static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StoreTagsFilter());
        return registry;
    }

    private MetricsServer serveMetrics() {
        try {
            return MetricsServer.start(registry, config.service().metricsHost(), config.metricsPort(), this::health);
        } catch (BindException e) {
            throw new UserException("vitalcast.metrics.port: cannot listen on port " + config.metricsPort() + " ("
                + e.getMessage() + ")");
        } catch (java.net.UnknownHostException | java.nio.channels.UnresolvedAddressException e) {
            throw new UserException("vitalcast.metrics.host: cannot listen on '" + config.service().metricsHost()
                + "': unknown address");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void bindMetrics(KafkaStreams client) {
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(client);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        closeables.add(streamsMetrics);
        closeables.add(gcMetrics);
        for (MeterBinder binder : new MeterBinder[] {streamsMetrics, gcMetrics, new JvmMemoryMetrics(),
            new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics()}) {
            binder.bindTo(registry);
        }
    }

    private void onStateChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        LOG.info("Kafka Streams state {} -> {}", oldState, newState);
        if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
        }
    }

    private StreamThreadExceptionResponse onUncaughtException(Throwable exception) {
        StreamThreadPolicy.Decision decision = threadPolicy.decide(exception);
        String thread = Thread.currentThread().getName();
        LOG.debug("Uncaught exception in the topology", exception);
        switch (decision.verdict()) {
            case FAIL_FAST -> LOG.error("Stream thread {} failed with {}; shutting this Kafka Streams client down "
                + "(vitalcast.processing.errors=fail; the full exception is logged at DEBUG)", thread,
                describe(exception));
            case STATE_DIRECTORY_FAILED -> LOG.error("The state directory {} failed: {}: {}; shutting this Kafka "
                + "Streams client down, as a new stream thread would fail on it too (stream thread {}, {})",
                Path.of(stateDirectory).toAbsolutePath(), decision.rootCause().getClass().getName(),
                StreamThreadPolicy.fileSystemMessage(decision.rootCause()), thread, describe(exception));
            case REPLACE_THREAD -> {
                LOG.error("Stream thread {} failed with {}; replacing it in {} s (the open transaction is aborted and "
                    + "the new thread resumes from the committed offsets; the full exception is logged at DEBUG)",
                    thread, describe(exception), decision.backoff().toSeconds());
                threadReplacements.increment();
                backOff(decision.backoff());
            }
        }
        if (decision.verdict().fails()) {
            failed = true;
        }
        return decision.verdict().response();
    }

    /** Waits on the dying thread before it is replaced, unless the runner closes first. */
    private void backOff(Duration backoff) {
        try {
            if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.debug("Closing: the stream thread is not kept waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exception types down the cause chain, and where the root cause was thrown; no messages. */
    static String describe(Throwable exception) {
        StringJoiner chain = new StringJoiner(" caused by ");
        Throwable root = exception;
        for (Throwable t = exception; t != null && chain.length() < 2000; t = t.getCause()) {
            chain.add(t.getClass().getName());
            root = t;
        }
        StackTraceElement[] trace = root.getStackTrace();
        return trace.length == 0 ? chain.toString() : chain + " at " + trace[0];
    }
}
