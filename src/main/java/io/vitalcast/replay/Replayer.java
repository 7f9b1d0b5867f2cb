package io.vitalcast.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vitalcast.data.Reading;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends recorded readings to a topic as JSON keyed by patient id, paced by their event time.
 *
 * <p>Pacing: reading {@code r} of pass {@code p} (from 0) is sent when {@code (r.timestamp - first + p * passShift) /
 * speed} of wall time has passed since the replay began, measured on the clock's monotonic time, so a slow send is
 * caught up rather than accumulated as drift. Waiting is done in sleeps of at most {@value #MAX_SLEEP_MILLIS} ms so
 * that {@link #stop()} is honoured promptly; nothing busy-waits. At speed 0 nothing waits.
 *
 * <p>Loops: each pass after the first is shifted later by {@code passShift}, the recording's span plus at least one
 * millisecond rounded up to a whole minute, so that the service sees time move forward (a reading that went back in
 * time would be rejected as late) and minute and second steps stay aligned to their windows.
 *
 * <p>The record's Kafka timestamp is left to the producer (send time): the service takes event time from the JSON,
 * and brokers reject record timestamps far in the future, which an accelerated replay stamped from now would make.
 *
 * <p>Not thread-safe, except {@link #stop()}, which any thread may call.
 */
public final class Replayer {
    static final long MAX_SLEEP_MILLIS = 100;
    private static final long MAX_SLEEP_NANOS = MAX_SLEEP_MILLIS * 1_000_000L;
    private static final Duration LOOP_ALIGNMENT = Duration.ofMinutes(1);

    private final Producer<String, byte[]> producer;
    private final ReplaySettings settings;
    private final ReplayClock clock;
    private final ReplayListener listener;
    private volatile boolean stopRequested;

    /** A replayer that sends through {@code producer}, which the caller owns and closes. */
    public Replayer(Producer<String, byte[]> producer, ReplaySettings settings, ReplayClock clock,
                    ReplayListener listener) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Asks a running replay to stop after the reading it is sending; it then flushes and returns. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Replays {@code readings} (any order; sent in time order, ties in input order) and waits until Kafka has
     * acknowledged every one sent.
     *
     * @throws ReplayException when Kafka fails to take a reading
     * @throws IllegalArgumentException when there is nothing to replay
     */
    public ReplaySummary replay(List<Reading> readings) throws InterruptedException {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("no readings to replay");
        }
        List<Reading> ordered = new ArrayList<>(readings);
        ordered.sort(Comparator.comparing(Reading::timestamp));
        Instant first = ordered.get(0).timestamp();
        Duration span = Duration.between(first, ordered.get(ordered.size() - 1).timestamp());
        Duration passShift = passShift(span);
        Instant base = settings.start() == ReplayStart.NOW ? clock.now().truncatedTo(ChronoUnit.MILLIS) : first;

        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong acknowledged = new AtomicLong();
        long wallStart = clock.nanoTime();
        long sent = 0;
        long pass = 0;
        Instant lastEvent = base;
        boolean stopped = false;
        outer:
        while (pass < settings.passes()) {
            pass++;
            Duration passOffset = passShift.multipliedBy(pass - 1);
            long sentInPass = 0;
            for (Reading reading : ordered) {
                Duration offset = Duration.between(first, reading.timestamp()).plus(passOffset);
                if (settings.paced()) {
                    waitUntil(wallStart + (long) (offset.toNanos() / settings.speed()));
                }
                if (stopRequested) {
                    stopped = true;
                    break outer;
                }
                throwIfFailed(failure);
                Instant eventTime = base.plus(offset);
                producer.send(new ProducerRecord<>(settings.topic(), reading.patientId(),
                    ReadingJson.encode(reading, eventTime)), (metadata, exception) -> {
                        if (exception != null) {
                            failure.compareAndSet(null, exception);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
                sent++;
                sentInPass++;
                lastEvent = eventTime;
                listener.onProgress(new ReplayProgress(pass, sentInPass, ordered.size(), sent, eventTime));
            }
        }
        producer.flush();
        throwIfFailed(failure);
        return new ReplaySummary(acknowledged.get(), pass, Duration.between(base, lastEvent),
            Duration.ofNanos(clock.nanoTime() - wallStart), stopped);
    }

    /** How much later each pass is stamped than the one before. */
    static Duration passShift(Duration span) {
        long alignment = LOOP_ALIGNMENT.toMillis();
        long millis = span.toMillis() + 1;
        return Duration.ofMillis((millis + alignment - 1) / alignment * alignment);
    }

    private void waitUntil(long targetNanos) throws InterruptedException {
        while (!stopRequested) {
            long remaining = targetNanos - clock.nanoTime();
            if (remaining <= 0) {
                return;
            }
            clock.sleep(Math.min(remaining, MAX_SLEEP_NANOS));
        }
    }

    private static void throwIfFailed(AtomicReference<Exception> failure) {
        Exception exception = failure.get();
        if (exception != null) {
            throw new ReplayException("Kafka did not take a reading: " + exception.getMessage(), exception);
        }
    }
}
