package io.vitalcast.streaming;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.backtest.TopologySession;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs the production topology for each test through a {@link TopologySession}, the setup
 * the topology tests share with the {@code backtest} command: {@link ForecastTopology#build} with the given settings
 * and models, metrics in a {@link SimpleMeterRegistry}, a temporary state directory and a wall clock that starts
 * where the test says. Register it with {@code @RegisterExtension}; given settings with {@link #running}, it opens
 * before each test, otherwise the test opens it with {@link #start}; it closes after each test.
 */
public final class TopologyHarness implements BeforeEachCallback, AfterEachCallback {
    private final Instant wallClockStart;
    private StreamingSettings configured;
    private Set<String> watched = Set.of();
    private Path stateDirectory;
    private StreamingSettings settings;
    private SimpleMeterRegistry registry;
    private TopologySession session;

    private TopologyHarness(Instant wallClockStart) {
        this.wallClockStart = wallClockStart;
    }

    /** A harness whose wall clock starts at {@code wallClockStart}. */
    public static TopologyHarness startingAt(Instant wallClockStart) {
        return new TopologyHarness(wallClockStart);
    }

    /** A harness whose wall clock starts at the time the topology opens, as the driver's default. */
    public static TopologyHarness startingNow() {
        return new TopologyHarness(null);
    }

    /** Opens before each test with {@code settings} and the models of their model directory. */
    public TopologyHarness running(StreamingSettings settings) {
        this.configured = settings;
        return this;
    }

    /** Watches these patients in the metrics (their latest value and forecast as gauges). */
    public TopologyHarness watching(String... patients) {
        this.watched = Set.of(patients);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        stateDirectory = Files.createTempDirectory("vitalcast-topology-test");
        if (configured != null) {
            start(configured);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            closeSession();
        } finally {
            delete(stateDirectory);
        }
    }

    /** Opens the topology with {@code settings} and the models of their model directory, as production loads them. */
    public void start(StreamingSettings settings) {
        start(settings, ModelRegistry.load(settings.modelDirectory(), settings.signals()));
    }

    /** Opens the topology with {@code settings} and {@code models}. */
    public void start(StreamingSettings settings, ModelRegistry models) {
        if (session != null) {
            throw new IllegalStateException("the topology is already running; restart it instead");
        }
        this.settings = settings;
        this.registry = new SimpleMeterRegistry();
        this.session = TopologySession.open(settings, models, new VitalcastMetrics(registry, watched),
            stateDirectory, wallClockStart);
    }

    /**
     * Closes the topology and opens it again on the same state directory with {@code models} and new metrics, as
     * a service restarted with another model directory. The driver wipes the stores when it closes, so a test
     * carries the state it needs over through {@link #keyValueStore}.
     */
    public void restart(ModelRegistry models) {
        StreamingSettings running = settings;
        closeSession();
        start(running, models);
    }

    public TestInputTopic<String, byte[]> readings() {
        return running().readings();
    }

    public TestInputTopic<String, byte[]> acks() {
        return running().acks();
    }

    public TestOutputTopic<String, String> forecasts() {
        return running().forecasts();
    }

    public TestOutputTopic<String, String> alerts() {
        return running().alerts();
    }

    public TestOutputTopic<String, String> rejected() {
        return running().rejected();
    }

    /** Pipes {@code json} to the readings topic with {@code key} and record time {@code time}. */
    public void send(String key, JsonNode json, Instant time) {
        running().pipeReading(key, TestJson.bytes(json), time);
    }

    /** Pipes literal text, such as deliberately malformed JSON, to the readings topic. */
    public void send(String key, String text, Instant time) {
        running().pipeReading(key, text.getBytes(StandardCharsets.UTF_8), time);
    }

    /** Pipes {@code json} to the acknowledgements topic. */
    public void acknowledge(String key, JsonNode json, Instant time) {
        running().pipeAck(key, TestJson.bytes(json), time);
    }

    /** Pipes literal text to the acknowledgements topic. */
    public void acknowledge(String key, String text, Instant time) {
        running().pipeAck(key, text.getBytes(StandardCharsets.UTF_8), time);
    }

    /** Every forecast published since the last read, parsed. */
    public List<JsonNode> forecastTrees() {
        return TestJson.trees(forecasts().readValuesToList());
    }

    /** Every alert event published since the last read, parsed. */
    public List<JsonNode> alertTrees() {
        return TestJson.trees(alerts().readValuesToList());
    }

    /** Every rejected record published since the last read, parsed. */
    public List<JsonNode> rejectedTrees() {
        return TestJson.trees(rejected().readValuesToList());
    }

    /** The metrics of the running topology. */
    public SimpleMeterRegistry registry() {
        return registry;
    }

    /** The sum of the counters named {@code name} with the given tags (names and values alternating). */
    public double counter(String name, String... tags) {
        Search search = registry().find(name);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    public void advanceWallClock(Duration advance) {
        running().advanceWallClockTime(advance);
    }

    public <K, V> KeyValueStore<K, V> keyValueStore(String name) {
        return running().keyValueStore(name);
    }

    private TopologySession running() {
        if (session == null) {
            throw new IllegalStateException("the topology is not running: register the harness with settings or "
                + "call start");
        }
        return session;
    }

    private void closeSession() {
        if (session != null) {
            TopologySession closing = session;
            session = null;
            closing.close();
        }
    }

    private static void delete(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the state directory " + directory, e);
        }
    }
}
