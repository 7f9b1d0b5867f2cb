package io.vitalcast.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Durations;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.embedded.EmbeddedKafka;
import io.vitalcast.embedded.EmbeddedKafkaSettings;
import io.vitalcast.errors.UserException;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.replay.PatientMapping;
import io.vitalcast.replay.ReplayClock;
import io.vitalcast.replay.ReplayListener;
import io.vitalcast.replay.ReplaySettings;
import io.vitalcast.replay.ReplayStart;
import io.vitalcast.replay.Replayer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command tour: an embedded single-node KRaft broker on loopback (or an existing Kafka), the forecaster
 * with the shipped models, and the sample recordings replayed as several patients at an accelerated rate, with a
 * live console view and Prometheus metrics. State lives in {@code --data-dir}: a second run resumes the broker's
 * topics and the forecaster's state there; {@code --fresh} starts clean. Ctrl-C, the end of {@code --duration} or an
 * interrupt of the running thread stops it in order: replay, forecaster, broker.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Start an embedded Kafka broker, the forecaster with the shipped models, and a replay of the "
        + "sample recordings as several patients; runs until Ctrl-C or --duration."})
final class DemoCommand implements Callable<Integer> {
    /** Sample patients and the demo ids they are replayed as. */
    static final Map<String, String> PATIENTS = patients();

    private static Map<String, String> patients() {
        Map<String, String> patients = new LinkedHashMap<>();
        patients.put("mimic-s00001", "icu-1");
        patients.put("mimic-s25047", "icu-2");
        patients.put("mitdb-100", "holter-1");
        patients.put("mitdb-105", "holter-2");
        return java.util.Collections.unmodifiableMap(patients);
    }

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Stop after this long (90s, 5m, PT2M); default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--speed", defaultValue = "60",
        description = "Replay speed, event time per wall time (default ${DEFAULT-VALUE}x: an hour of bedside "
            + "numerics a minute).")
    double speed;

    @Option(names = "--metrics-port", defaultValue = "9464", description = "Prometheus port (default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--kafka-port", defaultValue = "0",
        description = "Port of the embedded broker on 127.0.0.1 (default: a free one).")
    int kafkaPort;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        description = "Use this Kafka instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--data-dir", defaultValue = "vitalcast-demo",
        description = "Broker data and forecaster state; a second run resumes it (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete --data-dir first and start clean.")
    boolean fresh;

    @Option(names = "--samples", defaultValue = "samples", description = "Sample recordings (default ${DEFAULT-VALUE}).")
    Path samples;

    @Option(names = "--models", description = "Model directory (default: SAMPLES/models).")
    Path models;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Reading> readings = sampleReadings(samples);
        if (fresh) {
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        EmbeddedKafka broker = null;
        StreamsRunner runner = null;
        Replay replay = null;
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "vitalcast-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = bootstrapServers;
            if (bootstrap == null) {
                EmbeddedKafka.quietBrokerLogging();
                broker = EmbeddedKafka.start(EmbeddedKafkaSettings.of(dataDir.resolve("kafka"), kafkaPort));
                bootstrap = broker.bootstrapServers();
                out.printf("Kafka broker (embedded, KRaft) at %s, data in %s%s%n", bootstrap, broker.dataDirectory(),
                    broker.resumed() ? " (resumed)" : "");
            } else {
                out.printf("Kafka at %s%n", bootstrap);
            }
            VitalcastConfig config = config(bootstrap);
            runner = new StreamsRunner(config);
            runner.start();
            printRunning(out, config, runner, bootstrap, readings.size());
            startTraining(readings, runner.registry());
            replay = startReplay(bootstrap, config, readings, stop);
            return watch(out, runner, stop);
        } finally {
            boolean interrupted = Thread.interrupted();
            if (replay != null) {
                replay.replayer().stop();
                replay.thread().join(10_000);
            }
            if (runner != null) {
                runner.close();
            }
            if (broker != null) {
                broker.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting through the hook, which has already released the wait
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void printRunning(PrintWriter out, VitalcastConfig config, StreamsRunner runner, String bootstrap,
                              int readings) {
        out.printf("Forecaster running: models from %s, state in %s%n", config.modelDirectory(),
            dataDir.resolve("state"));
        out.printf("Metrics at %s%n", runner.metricsUri());
        out.printf("Topics: %s, %s (in), %s, %s, %s (out); try: kcat -b %s -C -t %s -o end%n",
            config.topics().readings(), config.topics().alertAcks(), config.topics().forecasts(),
            config.topics().alerts(), config.topics().rejected(), bootstrap, config.topics().alerts());
        out.printf("Replaying %d sample readings as patients %s at %.0fx%n", readings,
            String.join(", ", PATIENTS.values()), speed);
        out.flush();
    }

    private void startTraining(List<Reading> readings, MeterRegistry registry) {
        Thread training = new Thread(() -> trainInBackground(readings, registry), "vitalcast-demo-training");
        training.setDaemon(true);
        training.setPriority(Thread.MIN_PRIORITY);
        training.start();
    }

    /** The replay of the sample readings and the thread it runs on. */
    private record Replay(Replayer replayer, Thread thread) {
    }

    /** Replays the readings forever in the background; a replay that fails ends the demo. */
    private Replay startReplay(String bootstrap, VitalcastConfig config, List<Reading> readings,
                               CountDownLatch stop) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap),
            new StringSerializer(), new ByteArraySerializer());
        Replayer replayer = new Replayer(producer, new ReplaySettings(config.topics().readings(), speed,
            ReplaySettings.FOREVER, ReplayStart.NOW), ReplayClock.system(), ReplayListener.none());
        Thread thread = new Thread(() -> {
            try (producer) {
                replayer.replay(readings);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("vitalcast: replay stopped: " + e.getMessage());
                stop.countDown();
            }
        }, "vitalcast-demo-replay");
        thread.setDaemon(true);
        thread.start();
        return new Replay(replayer, thread);
    }

    /** Redraws the console view until stopped, the duration ends or the forecaster fails; its exit code. */
    private int watch(PrintWriter out, StreamsRunner runner, CountDownLatch stop) {
        ConsoleView view = new ConsoleView(out, runner.registry(), System.console() != null);
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try {
            while (!stop.await(Math.max(0, Math.min(TimeUnit.SECONDS.toNanos(2), deadline - System.nanoTime())),
                TimeUnit.NANOSECONDS) && System.nanoTime() < deadline) {
                view.draw();
                if (runner.failed()) {
                    break;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        view.draw();
        out.println();
        out.println(view.summary());
        out.flush();
        return runner.failed() ? 1 : 0;
    }

    private void trainInBackground(List<Reading> readings, MeterRegistry registry) {
        try {
            DemoTraining.run(readings, registry);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("vitalcast: demo training run failed: " + e.getMessage());
        }
    }

    private VitalcastConfig config(String bootstrap) {
        Path modelDir = models != null ? models : samples.resolve("models");
        List<Setting> settings = new ArrayList<>();
        for (String assignment : List.of(
            "bootstrap.servers=" + bootstrap,
            "application.id=vitalcast-demo",
            "state.dir=" + dataDir.resolve("state").toAbsolutePath(),
            "vitalcast.models.dir=" + (Files.isDirectory(modelDir) ? modelDir.toAbsolutePath() : ""),
            "vitalcast.metrics.port=" + metricsPort,
            "vitalcast.metrics.watched.patients=" + String.join(",", PATIENTS.values()),
            "vitalcast.topics.partitions=3",
            // the replay runs event time ahead of the clock, and the embedded broker accepts any record timestamp
            "vitalcast.readings.max.future=none")) {
            settings.add(ConfigLayers.assignment(assignment, "demo"));
        }
        return VitalcastConfig.load(null, Map.of(), settings);
    }

    /** The long-format sample CSVs, with the sample patients renamed to the demo's ids. */
    static List<Reading> sampleReadings(Path samples) throws IOException {
        if (!Files.isDirectory(samples)) {
            throw new UserException(samples + ": no samples directory; run the demo from the repository root or "
                + "give --samples");
        }
        List<Reading> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(samples)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                all.addAll(ReadingsCsv.readLong(file));
            }
        }
        List<Reading> known = all.stream().filter(r -> PATIENTS.containsKey(r.patientId())).toList();
        if (known.isEmpty()) {
            throw new UserException(samples + ": no readings of the sample patients " + PATIENTS.keySet());
        }
        List<Reading> renamed = new ArrayList<>(new PatientMapping(PATIENTS, null, 1, Duration.ofMinutes(1))
            .apply(known));
        renamed.sort(Comparator.comparing(Reading::timestamp));
        return renamed;
    }

    private static Properties producerProperties(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return properties;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The live console line: readings per second, forecasts, open alerts, rejected records. */
    static final class ConsoleView {
        private final PrintWriter out;
        private final MeterRegistry registry;
        private final boolean terminal;
        private double lastReadings;
        private long lastNanos = System.nanoTime();
        private long lastLine;

        ConsoleView(PrintWriter out, MeterRegistry registry, boolean terminal) {
            this.out = out;
            this.registry = registry;
            this.terminal = terminal;
        }

        void draw() {
            long now = System.nanoTime();
            double readings = count(VitalcastMetrics.READINGS);
            double rate = (readings - lastReadings) / Math.max(1e-9, (now - lastNanos) / 1e9);
            lastReadings = readings;
            lastNanos = now;
            String line = String.format(Locale.ROOT, "readings/s %7.1f | readings %9.0f | forecasts %8.0f | "
                + "open alerts %3.0f | alert events %5.0f | rejected %6.0f", rate, readings,
                count(VitalcastMetrics.FORECASTS), gauge(VitalcastMetrics.OPEN_ALERTS), count(VitalcastMetrics.ALERTS),
                count(VitalcastMetrics.REJECTED));
            if (terminal) {
                out.print("\r" + line);
                out.flush();
            } else if (now - lastLine >= TimeUnit.SECONDS.toNanos(10) || lastLine == 0) {
                out.println(line);
                out.flush();
                lastLine = now;
            }
        }

        String summary() {
            return String.format(Locale.ROOT, "Demo stopped: %.0f readings, %.0f forecasts, %.0f alert events "
                    + "(%.0f open), %.0f rejected", count(VitalcastMetrics.READINGS), count(VitalcastMetrics.FORECASTS),
                count(VitalcastMetrics.ALERTS), gauge(VitalcastMetrics.OPEN_ALERTS), count(VitalcastMetrics.REJECTED));
        }

        private double count(String name) {
            return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
        }

        private double gauge(String name) {
            return registry.find(name).gauges().stream().mapToDouble(g -> g.value()).sum();
        }
    }

    /** Parses --duration. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration parsed = Durations.parse(value);
            if (parsed == null || parsed.isNegative() || parsed.isZero()) {
                throw new picocli.CommandLine.TypeConversionException("expected a duration such as 90s, 5m or "
                    + "PT2M, got '" + value + "'");
            }
            return parsed;
        }
    }
}
