package io.vitalcast.app;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The changelog partitions whose state stores are being restored right now, and when each last made progress. Kafka
 * Streams reports a client as RUNNING while its state updater still restores stores in the background, so the client
 * state alone cannot say whether the service is caught up; and a restoration that waits on a hanging transaction
 * makes no progress at all and reports nothing (see {@link HangingTransactions}).
 */
final class RestoringPartitions implements StateRestoreListener {
    /** The restoring partitions and the {@link #clock} time of their start or last restored batch. */
    private final Map<TopicPartition, Long> partitions = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    RestoringPartitions() {
        this(System::nanoTime);
    }

    /** A tracker reading the time, in nanoseconds, from {@code clock}. */
    RestoringPartitions(LongSupplier clock) {
        this.clock = clock;
    }

    boolean any() {
        return !partitions.isEmpty();
    }

    /** The partitions still restoring that restored nothing in the last {@code nanos}. */
    Set<TopicPartition> stalledFor(long nanos) {
        long now = clock.getAsLong();
        return partitions.entrySet().stream().filter(entry -> now - entry.getValue() >= nanos)
            .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        partitions.put(partition, clock.getAsLong());
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        partitions.computeIfPresent(partition, (restoring, since) -> clock.getAsLong());
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        partitions.remove(partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        partitions.remove(partition);
    }
}
