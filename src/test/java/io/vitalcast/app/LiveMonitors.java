package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bedside monitors under load, for the fault tests: a thread sends, every {@code pace}, the next minute of heart
 * rate and SpO2 of every patient, whatever happens to the broker or the service meanwhile (its producer buffers and
 * retries for up to ten minutes). {@link #finish()} stops it and sends a final reading per series, two hours later,
 * that closes the last windows (see {@link StreamingGuaranteesIT}); then every minute sent must be forecast exactly
 * once.
 *
 * <p>Event time starts 26 hours before now, so that even a long run stays behind the wall clock (the service rejects
 * readings more than 5 minutes ahead of it).
 */
final class LiveMonitors implements AutoCloseable {
    static final List<String> SIGNALS = List.of("heart_rate", "spo2");
    private static final long MINUTE_MS = 60_000;

    private final String topic;
    private final List<String> patients;
    private final Duration pace;
    private final long startMs = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(26, ChronoUnit.HOURS)
        .toEpochMilli();
    private final KafkaProducer<String, String> producer;
    private final AtomicInteger minutes = new AtomicInteger();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> refused = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    LiveMonitors(String bootstrapServers, String topic, List<String> patients, Duration pace) {
        this.topic = topic;
        this.patients = List.copyOf(patients);
        this.pace = pace;
        this.producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
            // one request in flight: after a broker restart, a batch whose first send the broker had written but not
            // answered is retried before any later batch, so the broker sees it as a duplicate; with several in flight
            // a later batch could be appended first, push it out of the broker's five-batch duplicate window, and
            // leave it retried forever with OUT_OF_ORDER_SEQUENCE_NUMBER (seen in BrokerRestartIT)
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        this.thread = new Thread(this::run, "live-monitors");
        thread.setDaemon(true);
    }

    LiveMonitors start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                int minute = minutes.get();
                long time = startMs + minute * MINUTE_MS;
                for (int i = 0; i < patients.size(); i++) {
                    String patient = patients.get(i);
                    send(TestReadings.reading(topic, patient, "heart_rate", time, 70 + (minute + i) % 9, "bpm"));
                    send(TestReadings.reading(topic, patient, "spo2", time, 94 + (minute + i) % 5, "%"));
                }
                minutes.incrementAndGet();
                Thread.sleep(pace.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            refused.compareAndSet(null, e);
        }
    }

    private void send(ProducerRecord<String, String> record) {
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                refused.compareAndSet(null, e);
            }
        });
        sent.incrementAndGet();
    }

    /** Stops the monitors, sends the final readings, and waits until the broker has every record. */
    void finish() throws InterruptedException {
        running = false;
        thread.join(Duration.ofMinutes(2).toMillis());
        for (String patient : patients) {
            for (String signal : SIGNALS) {
                send(TestReadings.reading(topic, patient, signal, startMs + (minutes.get() + 120) * MINUTE_MS,
                    75, null));
            }
        }
        producer.flush();
        assertThat(refused.get()).as("a record the producer could not send").isNull();
    }

    /** Readings sent so far, final readings included. */
    long sent() {
        return sent.get();
    }

    int minutes() {
        return minutes.get();
    }

    /** Every step that must be forecast exactly once: every minute sent, of every patient and signal. */
    Set<String> expectedSteps() {
        Set<String> steps = new HashSet<>();
        for (String patient : patients) {
            for (String signal : SIGNALS) {
                for (int minute = 0; minute < minutes.get(); minute++) {
                    steps.add(TestReadings.stepId(patient, signal, Instant.ofEpochMilli(startMs + minute * MINUTE_MS)));
                }
            }
        }
        return steps;
    }

    @Override
    public void close() {
        running = false;
        producer.close(Duration.ofSeconds(10));
    }
}
