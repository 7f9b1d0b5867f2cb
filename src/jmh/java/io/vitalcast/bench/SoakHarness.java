package io.vitalcast.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.vitalcast.app.BrokerProcess;
import io.vitalcast.app.StreamsRunner;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.commons.math3.random.Well19937c;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A soak run: does the service stay flat in memory over half an hour at a ward's monitor rate? A throughput harness
 * ({@link StreamsThroughputHarness}) replays a backlog as fast as it can; this one runs in real time, as the service
 * does in production, so that what grows with time (stores, caches, suppression buffers, metrics, RocksDB memtables
 * and block caches) shows. To run by hand, not a test.
 *
 * <p>1,000 patients x heart_rate, spo2 and resp_rate (one-minute steps), one reading per signal per patient per
 * second of wall time, event time = wall time, values mean-reverting random walks around each patient's own level;
 * for {@code --minutes} (default 30). The broker is {@link BrokerProcess} (Vitalcast's embedded KRaft broker) in a
 * JVM of its own, so that its memory is not counted with the service's, or an existing cluster
 * ({@code --bootstrap-servers}); the service runs in this JVM ({@link StreamsRunner}, the product's default
 * configuration: without a {@code models} directory the persistence baseline for every signal, or the models of
 * {@code --models DIR}, such as {@code samples/models}, whose stateful LSTMs forecast only after 30 steps, so after
 * 30 minutes of wall time). Every {@code --sample-seconds} (30) it
 * prints a CSV row: elapsed s, readings produced, forecasts consumed (read_committed), rejected, the service's
 * consumer lag on the readings topic, heap used after {@code System.gc()}, RocksDB memory (the sum over the Kafka
 * Streams metrics of {@code size-all-mem-tables}, {@code block-cache-usage} and {@code estimate-table-readers-mem}),
 * the state directory's size and the process RSS. At the end a verdict compares the mean of the last third of the
 * samples with the middle third, for heap and RocksDB memory, and flags growth over 20%.
 *
 * <pre>
 * mvn -B -ntp -o -Pbench test-compile exec:exec -Dbench.main=io.vitalcast.bench.SoakHarness \
 *     -Dbench.args="--minutes 30"
 * </pre>
 * Options: {@code --minutes}, {@code --patients} (1000), {@code --sample-seconds} (30), {@code --models},
 * {@code --bootstrap-servers}, and {@code --set key=value} (a configuration setting of the service).
 */
public final class SoakHarness {
    private static final List<String> SIGNALS = List.of("heart_rate", "spo2", "resp_rate");
    /** Per signal: the range of patients' levels, the walk's noise, and the valid bounds. */
    private static final Map<String, double[]> WALKS = Map.of(
        "heart_rate", new double[] {60, 100, 1.0, 30, 220},
        "spo2", new double[] {93, 99, 0.3, 70, 100},
        "resp_rate", new double[] {12, 20, 0.4, 4, 60});
    private static final Set<String> ROCKSDB_MEMORY = Set.of("size-all-mem-tables", "block-cache-usage",
        "estimate-table-readers-mem");
    private static final String PREFIX = "soak";
    private static final double GROWTH_LIMIT = 0.20;

    private final Map<String, String> options;
    private final List<String> settings;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicReference<Exception> producerFailure = new AtomicReference<>();

    private SoakHarness(Map<String, String> options, List<String> settings) {
        this.options = options;
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("minutes", "30", "patients", "1000",
            "sample-seconds", "30", "models", "", "bootstrap-servers", ""));
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (i + 1 >= args.length || !(options.containsKey(key) || key.equals("set"))) {
                throw new IllegalArgumentException("expected --OPTION VALUE with an option of " + options.keySet()
                    + " or set, got " + args[i]);
            }
            if (key.equals("set")) {
                settings.add(args[++i]);
            } else {
                options.put(key, args[++i]);
            }
        }
        System.out.println("Options: " + options + "; settings: " + settings);
        new SoakHarness(options, settings).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("vitalcast-soak");
        Process broker = null;
        String bootstrap = options.get("bootstrap-servers");
        try {
            if (bootstrap.isEmpty()) {
                int port = freePort();
                broker = startBroker(work.resolve("kafka"), port, work.resolve("broker.log"));
                bootstrap = "127.0.0.1:" + port;
                System.out.println("Broker (BrokerProcess, its own JVM) at " + bootstrap + ", log in "
                    + work.resolve("broker.log"));
            }
            soak(bootstrap, work.resolve("state"));
        } finally {
            if (broker != null) {
                broker.destroy();
                if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                    broker.destroyForcibly();
                }
            }
            deleteRecursively(work);
        }
    }

    private void soak(String bootstrap, Path state) throws Exception {
        String application = "vitalcast-" + PREFIX + "-" + System.currentTimeMillis();
        VitalcastConfig config = config(bootstrap, state, application);
        int patients = Integer.parseInt(options.get("patients"));
        Duration length = Duration.ofMinutes(Long.parseLong(options.get("minutes")));
        Duration sample = Duration.ofSeconds(Long.parseLong(options.get("sample-seconds")));
        List<double[]> rows = new ArrayList<>();
        ScheduledExecutorService producerThread = Executors.newSingleThreadScheduledExecutor();
        try (StreamsRunner runner = new StreamsRunner(config);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = producer(bootstrap);
             ForecastCounter counter = new ForecastCounter(bootstrap, config.topics().forecasts(), consumed)) {
            runner.start();
            counter.start();
            Monitors monitors = new Monitors(patients, config.topics().readings(), producer);
            long start = System.nanoTime();
            producerThread.scheduleAtFixedRate(monitors::secondOfReadings, 0, 1, TimeUnit.SECONDS);
            System.out.println("elapsed_s,readings_produced,forecasts_consumed,rejected,consumer_lag,heap_used_mb,"
                + "rocksdb_memory_mb,state_dir_mb,rss_mb,state");
            long next = start + sample.toNanos();
            while (next - start <= length.toNanos()) {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                if (producerFailure.get() != null) {
                    throw new IllegalStateException("the producer failed", producerFailure.get());
                }
                if (runner.failed()) {
                    throw new IllegalStateException("the service failed (see its log)");
                }
                double[] row = {(System.nanoTime() - start) / 1e9, produced.get(), consumed.get(),
                    rejected(runner), lag(admin, config), heapAfterGc() / 1e6, rocksDbMemory(runner) / 1e6,
                    directorySize(state) / 1e6, rss() / 1e6};
                if (rows.isEmpty()) {
                    System.out.println("# RocksDB metrics summed: " + rocksDbMetricCounts(runner));
                }
                rows.add(row);
                System.out.printf(Locale.ROOT, "%.0f,%.0f,%.0f,%.0f,%.0f,%.1f,%.1f,%.1f,%.1f,%s%n", row[0], row[1],
                    row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                    runner.state().orElse(KafkaStreams.State.CREATED));
                next += sample.toNanos();
            }
            producerThread.shutdownNow();
            producerThread.awaitTermination(10, TimeUnit.SECONDS);
            verdict(rows);
        } finally {
            producerThread.shutdownNow();
        }
    }

    private VitalcastConfig config(String bootstrap, Path state, String application) {
        List<Setting> layers = new ArrayList<>(List.of(
            new Setting("bootstrap.servers", bootstrap, "soak"),
            new Setting("state.dir", state.toString(), "soak"),
            new Setting("vitalcast.metrics.port", "0", "soak")));
        List<String> assignments = new ArrayList<>(List.of("application.id=" + application,
            "vitalcast.topics.readings=" + PREFIX + ".readings",
            "vitalcast.topics.forecasts=" + PREFIX + ".forecasts", "vitalcast.topics.alerts=" + PREFIX + ".alerts",
            "vitalcast.topics.rejected=" + PREFIX + ".rejected", "vitalcast.topics.alert.acks=" + PREFIX + ".acks"));
        if (!options.get("models").isEmpty()) {
            assignments.add("vitalcast.models.dir=" + options.get("models"));
        }
        assignments.addAll(settings);
        for (String assignment : assignments) {
            layers.add(ConfigLayers.assignment(assignment, "soak"));
        }
        return VitalcastConfig.load(null, Map.of(), layers);
    }

    /** Each patient's three monitors: every call sends one reading per signal per patient, stamped now. */
    private final class Monitors {
        private final List<String> patients = new ArrayList<>();
        private final String topic;
        private final KafkaProducer<String, String> producer;
        private final Well19937c random = new Well19937c(17L);
        private final double[][] levels;
        private final double[][] values;

        Monitors(int count, String topic, KafkaProducer<String, String> producer) {
            this.topic = topic;
            this.producer = producer;
            levels = new double[count][SIGNALS.size()];
            values = new double[count][SIGNALS.size()];
            for (int p = 0; p < count; p++) {
                patients.add(String.format(Locale.ROOT, "soak-%05d", p));
                for (int s = 0; s < SIGNALS.size(); s++) {
                    double[] walk = WALKS.get(SIGNALS.get(s));
                    levels[p][s] = walk[0] + (walk[1] - walk[0]) * random.nextDouble();
                    values[p][s] = levels[p][s];
                }
            }
        }

        void secondOfReadings() {
            try {
                long now = System.currentTimeMillis();
                for (int p = 0; p < patients.size(); p++) {
                    for (int s = 0; s < SIGNALS.size(); s++) {
                        double[] walk = WALKS.get(SIGNALS.get(s));
                        double next = values[p][s] + 0.02 * (levels[p][s] - values[p][s])
                            + walk[2] * random.nextGaussian();
                        values[p][s] = Math.max(walk[3], Math.min(walk[4], next));
                        String json = String.format(Locale.ROOT, "{\"patientId\":\"%s\",\"signal\":\"%s\","
                            + "\"timestamp\":%d,\"value\":%.2f}", patients.get(p), SIGNALS.get(s), now,
                            values[p][s]);
                        producer.send(new ProducerRecord<>(topic, null, now, patients.get(p), json), (m, e) -> {
                            if (e != null) {
                                producerFailure.compareAndSet(null, e);
                            }
                        });
                        produced.incrementAndGet();
                    }
                }
            } catch (RuntimeException e) {
                producerFailure.compareAndSet(null, e);
            }
        }
    }

    /** Counts the committed forecasts from a thread of its own. */
    private static final class ForecastCounter implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String topic;
        private final AtomicLong count;
        private final Thread thread;
        private volatile boolean running = true;

        ForecastCounter(String bootstrap, String topic, AtomicLong count) {
            this.topic = topic;
            this.count = count;
            consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            thread = new Thread(() -> {
                while (running) {
                    try {
                        count.addAndGet(consumer.poll(Duration.ofMillis(200)).count());
                    } catch (org.apache.kafka.common.errors.WakeupException e) {
                        return;
                    }
                }
            }, "soak-forecast-counter");
            thread.setDaemon(true);
        }

        void start() {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(5000);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static double rejected(StreamsRunner runner) {
        return runner.registry().find(VitalcastMetrics.REJECTED).counters().stream().mapToDouble(Counter::count)
            .sum();
    }

    /** The readings not yet committed by the service: end offsets less the group's committed offsets. */
    private static double lag(Admin admin, VitalcastConfig config) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.applicationId())
            .partitionsToOffsetAndMetadata().get();
        String topic = config.topics().readings();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
            .forEach(info -> latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
            .entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    private static double heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The RocksDB memory every store of the client reports, summed over stores (and window-store segments). */
    /**
     * RocksDB's off-heap memory: the memtables and table readers of every store, plus the block cache. Stores that
     * share one block cache (the product's {@code BoundedRocksDbMemory}) each report the whole shared cache, so the
     * block cache is counted once (the largest a store reports) rather than summed; memtables charged to that cache
     * are then counted twice, so the figure is an upper bound.
     */
    private static double rocksDbMemory(StreamsRunner runner) {
        double sum = 0;
        double blockCache = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : runner.kafkaStreamsMetrics().entrySet()) {
            if (ROCKSDB_MEMORY.contains(metric.getKey().name())
                && metric.getValue().metricValue() instanceof Number value && Double.isFinite(value.doubleValue())) {
                if (metric.getKey().name().equals("block-cache-usage")) {
                    blockCache = Math.max(blockCache, value.doubleValue());
                } else {
                    sum += value.doubleValue();
                }
            }
        }
        return sum + blockCache;
    }

    private static Map<String, Long> rocksDbMetricCounts(StreamsRunner runner) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        runner.kafkaStreamsMetrics().keySet().stream().filter(name -> ROCKSDB_MEMORY.contains(name.name()))
            .forEach(name -> counts.merge(name.name() + " (" + name.group() + ")", 1L, Long::sum));
        return counts;
    }

    private static long directorySize(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    /** VmRSS of this process from /proc/self/status, in bytes; 0 where there is no /proc. */
    private static double rss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
            }
        }
        return 0;
    }

    /** Heap and RocksDB memory: the mean of the last third of the samples against the middle third. */
    private static void verdict(List<double[]> rows) {
        System.out.println();
        if (rows.size() < 3) {
            System.out.println("Verdict: too few samples (" + rows.size() + ") to compare thirds");
            return;
        }
        int third = rows.size() / 3;
        List<double[]> middle = rows.subList(third, 2 * third);
        List<double[]> last = rows.subList(rows.size() - third, rows.size());
        boolean flat = true;
        for (int column : new int[] {5, 6}) {
            String name = column == 5 ? "heap used after GC" : "RocksDB memory";
            double before = middle.stream().mapToDouble(row -> row[column]).average().orElse(0);
            double after = last.stream().mapToDouble(row -> row[column]).average().orElse(0);
            double growth = before == 0 ? (after == 0 ? 0 : Double.POSITIVE_INFINITY) : after / before - 1;
            boolean grows = growth > GROWTH_LIMIT;
            flat &= !grows;
            System.out.printf(Locale.ROOT, "%s: middle third %.1f MB, last third %.1f MB, growth %+.1f%%: %s%n", name,
                before, after, growth * 100, grows ? "GROWS (more than 20%)" : "flat");
        }
        System.out.println("Verdict: " + (flat ? "FLAT" : "GROWTH FLAGGED") + " (" + rows.size() + " samples)");
    }

    private static Process startBroker(Path data, int port, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
            BrokerProcess.class.getName(), data.toString(), Integer.toString(port)).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(log) || Files.readAllLines(log).stream().noneMatch(l -> l.startsWith("BROKER READY"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker did not start, see " + log + ":\n"
                    + (Files.exists(log) ? Files.readString(log) : ""));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
