package io.vitalcast.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

import io.vitalcast.app.StreamsRunner;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.embedded.EmbeddedKafka;
import io.vitalcast.embedded.EmbeddedKafkaSettings;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.streaming.ForecasterWiring;
import io.vitalcast.streaming.StreamingSettings;
import org.apache.commons.math3.random.Well19937c;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * End-to-end throughput of one Kafka Streams instance on an embedded single-node broker: a benchmark to run by
 * hand, not a timed test. It pre-produces readings once (by default 1,000 patients x heart_rate, spo2 and resp_rate
 * at PT1M x 40 minutes, in event-time order, plus one reading per series two hours ahead that closes every earlier
 * window), then runs, in each round, these topologies over that same readings topic, one after the other, each with
 * its own application id, output topics and state directory, and all with the same client configuration (the
 * product's defaults, so exactly-once v2 and its commit interval, plus any configuration key given on the command
 * line):
 * <ol>
 *   <li>pass-through: readings copied to the output topic as bytes (no JSON parsing, no state): the floor set by
 *       the broker, the clients and exactly-once transactions;</li>
 *   <li>stateful pass-through: the same, after one update per reading of its key's entry in a changelogged RocksDB
 *       store: the floor of any stateful Kafka Streams application;</li>
 *   <li>{@link io.vitalcast.streaming.ForecastTopology} with no model directory: the persistence baseline for every signal, so the figure
 *       is the streaming part's cost (and a forecast for every step);</li>
 *   <li>{@link io.vitalcast.streaming.ForecastTopology} with the models in {@code samples/models} (LSTMs for the three signals);</li>
 *   <li>pass-through again.</li>
 * </ol>
 * For each, the time runs from {@link StreamsRunner#start()} until a read_committed consumer has counted the
 * expected records on the output topic (every reading for the pass-through; for the forecaster, one forecast per
 * closed step once a series has a model window of history: {@code minutes - window + 1} per series), and the
 * harness prints readings per second (input readings, final readings included, over that time), the bytes each
 * run left on the broker per topic, and the ratios to the faster of the two pass-through runs. The time includes
 * the start (topic check, group join, task assignment), which is printed separately, with the rate from RUNNING.
 * The JIT compiles the forecaster's code paths during the first round (the pass-through measured first in a fresh
 * JVM ran at a third of its later rate), so compare the last round.
 *
 * <p>40 minutes rather than 20 by default because the shipped models need 30 steps of history: with 20 minutes the
 * LSTMs would never run and the production figure would measure windowing only.
 *
 * <p>Run it from the project directory (it takes a few minutes; do not run it beside another build):
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.main=io.vitalcast.bench.StreamsThroughputHarness -Dbench.args=
 * </pre>
 * Options, as {@code -Dbench.args="patients=1000 minutes=40 interval=60 threads=1 partitions=4 models=samples/models
 * rounds=2 restore=false"}: patients, minutes of readings per series, seconds between two readings of a series (60: one reading
 * per one-minute step, every reading a step, the forecaster's worst case; 1: a monitor's numerics every second, 60
 * readings per step), {@code num.stream.threads}, partitions of every topic, the model directory, the rounds, and whether to restore the last LSTM run's state on an empty state directory
 * afterwards (time to RUNNING and state size per series); any argument whose key has a dot (such as {@code commit.interval.ms=1000} or
 * {@code producer.batch.size=65536}) is a configuration setting applied to every topology alike.
 */
public final class StreamsThroughputHarness {
    private static final List<String> SIGNALS = List.of("heart_rate", "spo2", "resp_rate");
    private static final Map<String, double[]> LEVEL_NOISE_MAX = Map.of("heart_rate", new double[] {78, 3, 300},
        "spo2", new double[] {97, 0.8, 100}, "resp_rate", new double[] {15, 1.5, 80});
    private static final long MINUTE_MS = 60_000;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final String READINGS = "bench.readings";

    private final Map<String, String> options;
    private final Map<String, String> settings;
    private final EmbeddedKafka kafka;
    private final Path stateRoot;
    /**
     * Event time of the first readings: relative to the day the harness runs (its minutes and the closing readings two
     * hours later all end in the past), so that no broker's retention finds them old.
     */
    private final Instant start;

    private StreamsThroughputHarness(Map<String, String> options, Map<String, String> settings, EmbeddedKafka kafka,
                                     Path stateRoot) {
        this.options = options;
        this.settings = settings;
        this.kafka = kafka;
        this.stateRoot = stateRoot;
        this.start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            .minus(Duration.ofMinutes(Long.parseLong(options.get("minutes")) + 180));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("patients", "1000", "minutes", "40", "threads",
            "1", "partitions", "4", "models", "samples/models", "rounds", "2", "interval", "60", "restore", "false"));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String key = equals < 0 ? "" : arg.substring(0, equals);
            if (key.contains(".")) {
                settings.put(key, arg.substring(equals + 1));
            } else if (options.containsKey(key)) {
                options.put(key, arg.substring(equals + 1));
            } else {
                throw new IllegalArgumentException("expected key=value with a key of " + options.keySet()
                    + " or a configuration key (with a dot), got " + arg);
            }
        }
        System.out.println("Options: " + options + "; settings of every topology: " + settings);
        Path stateRoot = Files.createTempDirectory("vitalcast-bench-state");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.temporary())) {
            new StreamsThroughputHarness(options, settings, kafka, stateRoot).run();
        } finally {
            try (var paths = Files.walk(stateRoot)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int option(String key) {
        return Integer.parseInt(options.get(key));
    }

    private void run() throws Exception {
        int patients = option("patients");
        int minutes = option("minutes");
        Path models = Path.of(options.get("models"));
        if (!Files.isDirectory(models)) {
            throw new IllegalArgumentException("no model directory " + models.toAbsolutePath());
        }
        int interval = option("interval");
        if (interval <= 0 || 60 % interval != 0) {
            throw new IllegalArgumentException("interval (seconds between two readings of a series) must divide 60, "
                + "got " + interval);
        }
        long readings = produceReadings(patients, minutes, interval);
        VitalcastConfig probe = config("probe", models.toString());
        ModelRegistry registry = ModelRegistry.load(probe.modelDirectory(), probe.signals());
        for (String signal : SIGNALS) {
            System.out.printf(Locale.ROOT, "%s: %s, window %d%n", signal, registry.describe().get(signal),
                registry.modelOf(signal).window());
        }
        int rounds = option("rounds");
        for (int round = 1; round <= rounds; round++) {
            // every round runs each topology on the same readings with a fresh application id; the JIT compiles
            // the forecaster's code paths during the first one, so the last round is the one to compare
            String suffix = "-r" + round;
            Result passFirst = measure("pass-1" + suffix, StreamsThroughputHarness::passThrough, "", readings,
                readings);
            Result stateful = measure("stateful" + suffix, StreamsThroughputHarness::statefulPassThrough, "",
                readings, readings);
            Result baseline = measure("baseline" + suffix, ForecasterWiring::forecaster, "", readings,
                expectedForecasts(ModelRegistry.baselines(), patients, minutes));
            Result lstm = measure("lstm" + suffix, ForecasterWiring::forecaster, models.toString(), readings,
                expectedForecasts(registry, patients, minutes));
            Result passLast = measure("pass-2" + suffix, StreamsThroughputHarness::passThrough, "", readings,
                readings);

            System.out.println();
            System.out.printf(Locale.ROOT, "Round %d of %d. Readings: %,d (%d patients x %d signals x %d minutes, a "
                    + "reading every %d s, + 1 closing reading per series); threads %s; partitions %s; the same client "
                    + "settings for every topology: defaults (exactly_once_v2) + %s%n", round, rounds, readings,
                patients, SIGNALS.size(), minutes, interval, options.get("threads"), options.get("partitions"),
                settings);
            passFirst.print("pass-through (byte copy), first       ");
            stateful.print("stateful pass-through (a store write) ");
            baseline.print("ForecastTopology, persistence baseline");
            lstm.print("ForecastTopology, shipped LSTM models ");
            passLast.print("pass-through (byte copy), last        ");
            Result pass = passFirst.readingsPerSecond() >= passLast.readingsPerSecond() ? passFirst : passLast;
            System.out.printf(Locale.ROOT, "Round %d: faster pass-through / forecaster (target <= 2): baseline %.2f, "
                    + "LSTM %.2f (from RUNNING: baseline %.2f, LSTM %.2f)%n%n", round,
                pass.readingsPerSecond() / baseline.readingsPerSecond(),
                pass.readingsPerSecond() / lstm.readingsPerSecond(),
                pass.readingsPerSecondRunning() / baseline.readingsPerSecondRunning(),
                pass.readingsPerSecondRunning() / lstm.readingsPerSecondRunning());
            System.out.printf(Locale.ROOT, "Round %d: forecaster / stateful pass-through: baseline %.2f, LSTM %.2f; "
                    + "forecaster / faster byte pass-through: baseline %.2f, LSTM %.2f%n%n", round,
                baseline.readingsPerSecond() / stateful.readingsPerSecond(),
                lstm.readingsPerSecond() / stateful.readingsPerSecond(),
                baseline.readingsPerSecond() / pass.readingsPerSecond(),
                lstm.readingsPerSecond() / pass.readingsPerSecond());
            if (round == rounds && Boolean.parseBoolean(options.get("restore"))) {
                restore("lstm" + suffix, models.toString(), (long) patients * SIGNALS.size());
            }
        }
    }

    /**
     * Starts the run {@code name} again on an empty state directory, so that it restores every store from its
     * changelogs, and prints the time to RUNNING and the restored state's size per series.
     */
    private void restore(String name, String modelDirectory, long series) throws Exception {
        VitalcastConfig config = config(name, modelDirectory, name + "-restored");
        long started = System.nanoTime();
        try (StreamsRunner runner = new StreamsRunner(config, ForecasterWiring::forecaster)) {
            runner.start();
            while (runner.state().orElse(KafkaStreams.State.CREATED) != KafkaStreams.State.RUNNING) {
                if (runner.failed() || System.nanoTime() - started > RUN_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(name + ": not RUNNING after restoring; failed: "
                        + runner.failed());
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long bytes;
            try (var files = Files.walk(stateRoot.resolve(name + "-restored"))) {
                bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "Restore of %s (%,d series) on an empty state directory: RUNNING after "
                    + "%.1f s; state directory %,d bytes, %,.0f bytes per series%n", name, series, seconds, bytes,
                (double) bytes / series);
        }
    }

    /**
     * The floor of any stateful Kafka Streams application: each reading updates its key's entry (a count and the
     * last record time, 16 bytes) in a changelogged RocksDB store and is copied to the output topic as bytes. Keyed by
     * the record key (the patient) rather than by series, since finding the signal would mean parsing the reading.
     */
    private static Topology statefulPassThrough(StreamingSettings settings, VitalcastMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
            org.apache.kafka.streams.state.Stores.persistentKeyValueStore("series"), Serdes.ByteArray(),
            Serdes.ByteArray()));
        builder.stream(settings.topics().readings(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("read-readings"))
            .processValues(() -> new org.apache.kafka.streams.processor.api.FixedKeyProcessor<byte[], byte[],
                byte[]>() {
                private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<byte[], byte[]> context;
                private org.apache.kafka.streams.state.KeyValueStore<byte[], byte[]> store;

                @Override
                public void init(org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<byte[], byte[]>
                                     context) {
                    this.context = context;
                    this.store = context.getStateStore("series");
                }

                @Override
                public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<byte[], byte[]> record) {
                    byte[] previous = store.get(record.key());
                    java.nio.ByteBuffer next = java.nio.ByteBuffer.allocate(16);
                    next.putLong(previous == null ? 1 : java.nio.ByteBuffer.wrap(previous).getLong() + 1);
                    next.putLong(record.timestamp());
                    store.put(record.key(), next.array());
                    context.forward(record);
                }
            }, Named.as("update-series"), "series")
            .to(settings.topics().forecasts(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("write-copies"));
        return builder.build();
    }

    /** One forecast per closed step once a series has its model's window of history. */
    private static long expectedForecasts(ModelRegistry registry, int patients, int minutes) {
        long forecasts = 0;
        for (String signal : SIGNALS) {
            forecasts += (long) patients * Math.max(0, minutes - registry.modelOf(signal).window() + 1);
        }
        if (forecasts == 0) {
            throw new IllegalArgumentException("no forecasts expected: minutes=" + minutes + " is shorter than the "
                + "model windows");
        }
        return forecasts;
    }

    /** Readings in event-time order across patients, as a ward's monitors send them. */
    private long produceReadings(int patients, int minutes, int intervalSeconds) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(READINGS, option("partitions"), (short) 1))).all().get();
        }
        Well19937c random = new Well19937c(7L);
        long count = 0;
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            int perMinute = 60 / intervalSeconds;
            for (int tick = 0; tick <= minutes * perMinute; tick++) {
                // the extra tick is two hours ahead: it closes every window of the series and forecasts nothing
                long time = start.toEpochMilli() + (tick < minutes * perMinute ? tick * intervalSeconds * 1000L
                    : 120L * MINUTE_MS);
                for (int p = 0; p < patients; p++) {
                    String patient = String.format(Locale.ROOT, "bench-%05d", p);
                    for (String signal : SIGNALS) {
                        double[] levelNoiseMax = LEVEL_NOISE_MAX.get(signal);
                        // within the valid range (SpO2 at most 100), or a rejected reading leaves a step without
                        // a forecast and the expected count is never reached
                        double value = Math.min(levelNoiseMax[2],
                            levelNoiseMax[0] + levelNoiseMax[1] * random.nextGaussian());
                        String json = String.format(Locale.ROOT, "{\"patientId\":\"%s\",\"signal\":\"%s\","
                            + "\"timestamp\":%d,\"value\":%.2f}", patient, signal, time, value);
                        producer.send(new ProducerRecord<>(READINGS, null, time, patient, json));
                        count++;
                    }
                }
            }
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "Produced %,d readings in %.1f s%n", count,
            (System.nanoTime() - started) / 1e9);
        return count;
    }

    private static Topology passThrough(StreamingSettings settings, VitalcastMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(settings.topics().readings(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("read-readings"))
            .to(settings.topics().forecasts(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("write-copies"));
        return builder.build();
    }

    private VitalcastConfig config(String name, String modelDirectory) {
        return config(name, modelDirectory, name);
    }

    private VitalcastConfig config(String name, String modelDirectory, String stateDirectory) {
        List<Setting> settings = new ArrayList<>(List.of(
            new Setting("bootstrap.servers", kafka.bootstrapServers(), "bench"),
            new Setting("state.dir", stateRoot.resolve(stateDirectory).toString(), "bench"),
            new Setting("vitalcast.metrics.port", "0", "bench"),
            new Setting("vitalcast.topics.partitions", options.get("partitions"), "bench")));
        for (String assignment : List.of("application.id=vitalcast-bench-" + name,
            "num.stream.threads=" + options.get("threads"), "vitalcast.models.dir=" + modelDirectory,
            "vitalcast.topics.readings=" + READINGS, "vitalcast.topics.forecasts=bench." + name + ".forecasts",
            "vitalcast.topics.alerts=bench." + name + ".alerts", "vitalcast.topics.rejected=bench." + name
                + ".rejected")) {
            settings.add(ConfigLayers.assignment(assignment, "bench"));
        }
        this.settings.forEach((key, value) -> settings.add(ConfigLayers.assignment(key + "=" + value, "bench")));
        return VitalcastConfig.load(null, Map.of(), settings);
    }

    private Result measure(String name, BiFunction<StreamingSettings, VitalcastMetrics, Topology> topology,
                           String modelDirectory, long readings, long expectedOutputs) throws Exception {
        VitalcastConfig config = config(name, modelDirectory);
        System.out.printf(Locale.ROOT, "%s: waiting for %,d records on %s%n", name, expectedOutputs,
            config.topics().forecasts());
        try (StreamsRunner runner = new StreamsRunner(config, topology);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                 ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                 ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                 ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                 ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                 ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            long started = System.nanoTime();
            runner.start();
            long running = -1;
            List<TopicPartition> partitions = consumer.partitionsFor(config.topics().forecasts()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long counted = 0;
            long nextReport = started + 10_000_000_000L;
            while (counted < expectedOutputs) {
                counted += consumer.poll(Duration.ofMillis(100)).count();
                long now = System.nanoTime();
                if (running < 0 && runner.state().orElse(KafkaStreams.State.CREATED) == KafkaStreams.State.RUNNING) {
                    running = now;
                }
                if (runner.failed() || now - started > RUN_TIMEOUT.toNanos()) {
                    throw new IllegalStateException(name + ": " + counted + " of " + expectedOutputs
                        + " records after " + (now - started) / 1_000_000_000 + " s; failed: " + runner.failed());
                }
                if (now > nextReport) {
                    System.out.printf(Locale.ROOT, "  %s: %,d of %,d after %.0f s%n", name, counted,
                        expectedOutputs, (now - started) / 1e9);
                    nextReport += 10_000_000_000L;
                }
            }
            long finished = System.nanoTime();
            if (counted != expectedOutputs) {
                throw new IllegalStateException(name + ": counted " + counted + " records, expected "
                    + expectedOutputs);
            }
            printBytesWritten(name, config.applicationId());
            return new Result(readings, expectedOutputs, (finished - started) / 1e9,
                (running < 0 ? 0 : running - started) / 1e9);
        }
    }

    /** Bytes on the broker of the topics a run wrote (its outputs and its internal topics): what it costs. */
    private void printBytesWritten(String name, String applicationId) throws Exception {
        Map<String, Long> bytes = new java.util.TreeMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            int node = admin.describeCluster().nodes().get().iterator().next().id();
            admin.describeLogDirs(List.of(node)).allDescriptions().get().get(node).values()
                .forEach(dir -> dir.replicaInfos().forEach((partition, replica) -> {
                    String topic = partition.topic();
                    if (topic.startsWith("bench." + name + ".") || topic.startsWith(applicationId + "-")) {
                        bytes.merge(topic.replace(applicationId + "-", "(app)-"), replica.size(), Long::sum);
                    }
                }));
        }
        System.out.printf(Locale.ROOT, "  %s wrote %,d bytes: %s%n", name,
            bytes.values().stream().mapToLong(Long::longValue).sum(), bytes);
    }

    private record Result(long readings, long outputs, double seconds, double startSeconds) {
        double readingsPerSecond() {
            return readings / seconds;
        }

        double readingsPerSecondRunning() {
            return readings / (seconds - startSeconds);
        }

        void print(String label) {
            System.out.printf(Locale.ROOT, "%s: %,d readings -> %,d records in %.1f s (of which %.1f s to RUNNING): "
                    + "%,.0f readings/s (%,.0f readings/s from RUNNING)%n", label, readings, outputs, seconds,
                startSeconds, readingsPerSecond(), readingsPerSecondRunning());
        }
    }
}
