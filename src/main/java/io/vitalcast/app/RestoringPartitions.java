package io.vitalcast.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The changelog partitions whose state stores are being restored right now. Kafka Streams reports a client as
 * RUNNING while its state updater still restores stores in the background, so the client state alone cannot say
 * whether the service is caught up.
 */
final class RestoringPartitions implements StateRestoreListener {
    private final Set<TopicPartition> partitions = ConcurrentHashMap.newKeySet();

    boolean any() {
        return !partitions.isEmpty();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        partitions.add(partition);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
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
