package io.vitalcast.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.errors.UserException;
import io.vitalcast.replay.PatientMapping;
import io.vitalcast.replay.ReplayClock;
import io.vitalcast.replay.ReplayException;
import io.vitalcast.replay.ReplaySettings;
import io.vitalcast.replay.ReplayStart;
import io.vitalcast.replay.ReplaySummary;
import io.vitalcast.replay.Replayer;
import io.vitalcast.streaming.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Plays recorded readings into Kafka as live monitors would send them, so that the service, its dashboards and its
 * alerts can be shown and tested without a hospital. The work is done by {@link Replayer}; this command reads the
 * files, builds the producer and draws the progress.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Produce readings CSVs to a Kafka topic as JSON readings keyed by patient id, at real time or "
        + "accelerated.",
        "Timestamps start from now unless --start recorded; each --loop pass continues forward in time."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Parameters(paramLabel = "FILE", arity = "0..*",
        description = "More long-format readings CSVs, replayed together with --input on one timeline.")
    List<Path> moreFiles = new ArrayList<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "localhost:9092",
        description = "Kafka bootstrap servers (default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic to produce to (default vitals.readings).")
    String topic = Topics.defaults().readings();

    @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
        description = "Event time per wall time: 1 real time, 60 = an hour a minute, 0 = as fast as possible "
            + "(default ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--loop", description = "Replay again and again until stopped (Ctrl-C).")
    boolean loop;

    @Option(names = "--start", paramLabel = "now|recorded", defaultValue = "now",
        description = "Stamp the first reading with the time the replay starts (now), or keep recorded timestamps "
            + "(default ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--patient-map", paramLabel = "OLD=NEW",
        description = "Replay patient OLD as patient NEW (repeatable).")
    Map<String, String> patientMap = new LinkedHashMap<>();

    @Option(names = "--as-patient", paramLabel = "ID", description = "Replay every reading as patient ID.")
    String asPatient;

    @Option(names = "--copies", paramLabel = "N", defaultValue = "1",
        description = "Replay each patient as N patients <id>-1..<id>-N (default ${DEFAULT-VALUE}).")
    int copies;

    @Option(names = "--copy-offset", paramLabel = "DURATION", defaultValue = "PT1M",
        description = "Copy k is shifted (k-1) times this much later (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration copyOffset;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        quietKafkaClientLogging();
        SignalCatalog catalog = SignalCatalog.defaults();
        List<Reading> recorded = new ArrayList<>(input.readings(catalog));
        for (Path file : moreFiles) {
            recorded.addAll(ReadingsCsv.readLong(file));
        }
        List<Reading> readings = new PatientMapping(patientMap, asPatient, copies, copyOffset).apply(recorded);
        ReplaySettings settings = new ReplaySettings(topic, speed, loop ? ReplaySettings.FOREVER : 1,
            parseStart(start));
        TreeSet<String> patients = new TreeSet<>();
        readings.forEach(r -> patients.add(r.patientId()));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch finished = new CountDownLatch(1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(),
            new StringSerializer(), new ByteArraySerializer())) {
            Replayer replayer = new Replayer(producer, settings, ReplayClock.system(),
                new ReplayProgressBar(err, System.console() != null));
            Thread hook = stopOnShutdown(replayer, finished);
            try {
                ReplaySummary summary = replayer.replay(readings);
                err.println();
                out.printf(Locale.ROOT, "replayed %d readings of %d patients (%s) in %d pass%s to %s at %s: %s of "
                        + "event time in %.1f s%s%n", summary.sent(), patients.size(), abbreviate(patients),
                    summary.passes(), summary.passes() == 1 ? "" : "es", topic, bootstrapServers,
                    summary.eventSpan(), summary.wallTime().toMillis() / 1000.0,
                    summary.stopped() ? " (stopped)" : "");
                out.flush();
            } finally {
                finished.countDown();
                removeHook(hook);
            }
        } catch (ReplayException e) {
            throw new UserException(e.getMessage() + " (bootstrap servers " + bootstrapServers + ", topic "
                + topic + ")");
        }
        return 0;
    }

    /** On Ctrl-C, stops the replay and lets it flush and report before the JVM exits. */
    private static Thread stopOnShutdown(Replayer replayer, CountDownLatch finished) {
        Thread hook = new Thread(() -> {
            replayer.stop();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vitalcast-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running and has been released by the caller
        }
    }

    /**
     * Lowers Kafka's client loggers to WARN in slf4j-simple unless set with {@code -Dorg.slf4j.simpleLogger.log.NAME}:
     * the producer's INFO lines (its whole configuration among them) would bury the progress bar.
     */
    private static void quietKafkaClientLogging() {
        String property = "org.slf4j.simpleLogger.log.org.apache.kafka";
        if (System.getProperty(property) == null) {
            System.setProperty(property, "warn");
        }
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "vitalcast-replay");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return properties;
    }

    private static ReplayStart parseStart(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "now" -> ReplayStart.NOW;
            case "recorded" -> ReplayStart.RECORDED;
            default -> throw new UserException("--start must be 'now' or 'recorded', was '" + text + "'");
        };
    }

    private static String abbreviate(TreeSet<String> patients) {
        List<String> shown = patients.stream().limit(5).toList();
        return String.join(", ", shown) + (patients.size() > shown.size() ? ", ..." : "");
    }
}
