package io.vitalcast.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.ForecastRecord;
import io.vitalcast.streaming.ErrorHandling;
import io.vitalcast.streaming.ForecastTopology;
import io.vitalcast.streaming.JsonSerde;
import io.vitalcast.streaming.StreamingSettings;
import io.vitalcast.streaming.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production topology ({@link ForecastTopology#build}) run in-process on Kafka Streams' TopologyTestDriver, with
 * its topics: the one place where that driver is set up, for the {@code backtest} command ({@link TopologyReplay})
 * and for the topology tests alike, so that both drive exactly what a deployment runs. No broker, no sleeping: event
 * time comes from the records piped in, the wall clock moves only when told to.
 *
 * <p>Closing it closes the driver, which wipes the state directory's task state (a session opened again on the same
 * directory starts with empty stores), and deletes the directory when the session created it.
 *
 * <p>Not thread-safe: one caller pipes records and reads the outputs.
 */
public final class TopologySession implements AutoCloseable {
    private static final String APPLICATION_ID = "vitalcast-in-process";

    private final TopologyTestDriver driver;
    private final Path ownedStateDirectory;
    private final Topics topics;
    private final TestInputTopic<String, byte[]> readings;
    private final TestInputTopic<String, byte[]> acks;
    private Instant wallClock;

    private TopologySession(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics,
                            Path stateDirectory, Instant wallClockStart, boolean owned) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.putAll(ErrorHandling.streamsProperties(settings, metrics));
        ForecastTopology.declareMeters(settings, models, metrics);
        this.wallClock = wallClockStart == null ? Instant.now() : wallClockStart;
        this.driver = new TopologyTestDriver(ForecastTopology.build(settings, models, metrics), properties,
            wallClock);
        this.ownedStateDirectory = owned ? stateDirectory : null;
        this.topics = settings.topics();
        this.readings = driver.createInputTopic(topics.readings(), new StringSerializer(), new ByteArraySerializer());
        this.acks = driver.createInputTopic(topics.alertAcks(), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A session on {@code stateDirectory}, which the caller owns; {@code wallClockStart} null starts the driver's
     * wall clock at the current time.
     */
    public static TopologySession open(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics,
                                       Path stateDirectory, Instant wallClockStart) {
        return new TopologySession(settings, models, metrics, stateDirectory, wallClockStart, false);
    }

    /** A session on a new temporary state directory, deleted on close; the wall clock starts at the current time. */
    public static TopologySession openTemporary(StreamingSettings settings, ModelRegistry models,
                                                VitalcastMetrics metrics) {
        return openTemporary(settings, models, metrics, null);
    }

    /**
     * A session on a new temporary state directory, deleted on close, whose wall clock starts at
     * {@code wallClockStart} (null: the current time).
     */
    public static TopologySession openTemporary(StreamingSettings settings, ModelRegistry models,
                                                VitalcastMetrics metrics, Instant wallClockStart) {
        Path stateDirectory;
        try {
            stateDirectory = Files.createTempDirectory("vitalcast-topology");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TopologySession(settings, models, metrics, stateDirectory, wallClockStart, true);
    }

    /** The readings topic: keys are patient ids as text, values the raw bytes a producer sends. */
    public TestInputTopic<String, byte[]> readings() {
        return readings;
    }

    /** The acknowledgements topic, raw bytes as for {@link #readings()}. */
    public TestInputTopic<String, byte[]> acks() {
        return acks;
    }

    /** The forecasts topic, values as the JSON text a consumer reads. */
    public TestOutputTopic<String, String> forecasts() {
        return text(topics.forecasts());
    }

    /** The alerts topic, values as JSON text. */
    public TestOutputTopic<String, String> alerts() {
        return text(topics.alerts());
    }

    /** The rejected topic, values as JSON text. */
    public TestOutputTopic<String, String> rejected() {
        return text(topics.rejected());
    }

    /** The forecasts topic read as records; it shares its queue with {@link #forecasts()}. */
    public TestOutputTopic<String, ForecastRecord> forecastRecords() {
        return output(topics.forecasts(), new JsonSerde<>(ForecastRecord.class).deserializer());
    }

    /** The alerts topic read as events; it shares its queue with {@link #alerts()}. */
    public TestOutputTopic<String, AlertEvent> alertEvents() {
        return output(topics.alerts(), new JsonSerde<>(AlertEvent.class).deserializer());
    }

    /** A state store of the topology, as the processors see it. */
    public <K, V> KeyValueStore<K, V> keyValueStore(String name) {
        return driver.getKeyValueStore(name);
    }

    /** Moves the driver's wall clock, firing any wall-clock punctuation that falls due. */
    public void advanceWallClockTime(Duration advance) {
        driver.advanceWallClockTime(advance);
        wallClock = wallClock.plus(advance);
    }

    /**
     * Pipes a record to the readings topic as if it arrived live at {@code recordTime}: the wall clock is first
     * moved on to it (never back), so that a recording replayed here is not taken for readings from the future.
     */
    public void pipeReading(String key, byte[] value, Instant recordTime) {
        followWallClock(recordTime);
        readings.pipeInput(key, value, recordTime);
    }

    /** {@link #pipeReading} for the acknowledgements topic. */
    public void pipeAck(String key, byte[] value, Instant recordTime) {
        followWallClock(recordTime);
        acks.pipeInput(key, value, recordTime);
    }

    private void followWallClock(Instant recordTime) {
        if (recordTime.isAfter(wallClock)) {
            advanceWallClockTime(Duration.between(wallClock, recordTime));
        }
    }

    private TestOutputTopic<String, String> text(String topic) {
        return output(topic, new StringDeserializer());
    }

    private <V> TestOutputTopic<String, V> output(String topic, Deserializer<V> values) {
        return driver.createOutputTopic(topic, new StringDeserializer(), values);
    }

    @Override
    public void close() {
        driver.close();
        if (ownedStateDirectory != null) {
            deleteQuietly(ownedStateDirectory);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the OS cleans it
        }
    }
}
