package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A read_committed consumer following the forecasts topic from a thread of its own, through broker restarts, noting
 * when each forecast became visible: a recovery is measured from a moment to the first forecast written after it
 * (an offset at or beyond the topic's end at that moment, so neither a forecast committed before nor a transaction
 * marker counts).
 */
final class ForecastTail implements AutoCloseable {
    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<Seen> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ForecastTail(String bootstrapServers, String topic) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        this.thread = new Thread(this::run, "forecast-tail");
        thread.setDaemon(true);
    }

    ForecastTail start() {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                synchronized (seen) {
                    records.forEach(r -> seen.add(new Seen(r.partition(), r.offset(), now)));
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            }
        }
    }

    /** The end of every partition of the forecasts topic now, aborted and open transactions included. */
    Map<TopicPartition, Long> ends(Admin admin) throws ExecutionException, InterruptedException {
        try {
            return TestTopics.endOffsets(admin, topic, IsolationLevel.READ_UNCOMMITTED);
        } catch (ExecutionException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new ExecutionException(e);
        }
    }

    /**
     * Waits for the first forecast beyond {@code ends} to become visible and returns how long after
     * {@code sinceNanos} (a {@link System#nanoTime()}) it did.
     */
    Duration awaitFirstBeyond(Map<TopicPartition, Long> ends, long sinceNanos, Duration timeout)
        throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (seen) {
                for (Seen s : seen) {
                    if (s.offset() >= ends.getOrDefault(new TopicPartition(topic, s.partition()), 0L)) {
                        return Duration.ofNanos(s.nanos() - sinceNanos);
                    }
                }
            }
            assertThat(System.nanoTime()).as("a new forecast committed within %s", timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        consumer.close(Duration.ofSeconds(5));
    }

    private record Seen(int partition, long offset, long nanos) {
    }
}
