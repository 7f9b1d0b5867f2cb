package io.vitalcast.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker says of the transactions on a test's topics: for every partition its high watermark, its last
 * stable offset and the producers with an open transaction on it, then every transaction the coordinator knows.
 * Printed when a recovery stalls, to tell a hanging transaction from a client that does not read.
 */
final class TransactionProbe {
    private TransactionProbe() {
    }

    static String describe(Admin admin, String prefix) {
        StringBuilder out = new StringBuilder("transaction probe at " + java.time.Instant.now() + "\n");
        try {
            List<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(prefix) || name.startsWith("vitalcast-" + prefix)).sorted().toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            descriptions.values().forEach(description -> description.partitions()
                .forEach(info -> partitions.add(new TopicPartition(description.name(), info.partition()))));
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            Map<TopicPartition, Long> high = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(10, TimeUnit.SECONDS).forEach((partition, info) -> high.put(partition, info.offset()));
            Map<TopicPartition, Long> stable = new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(10, TimeUnit.SECONDS).forEach((partition, info) -> stable.put(partition, info.offset()));
            var producers = admin.describeProducers(partitions).all().get(10, TimeUnit.SECONDS);
            for (TopicPartition partition : high.keySet()) {
                out.append("  ").append(partition).append(" hw=").append(high.get(partition))
                    .append(" lso=").append(stable.get(partition));
                Collection<ProducerState> states = producers.get(partition).activeProducers();
                for (ProducerState state : states) {
                    if (state.currentTransactionStartOffset().isPresent()
                        || !high.get(partition).equals(stable.get(partition))) {
                        out.append(" [pid=").append(state.producerId()).append(" epoch=").append(state.producerEpoch())
                            .append(" lastSeq=").append(state.lastSequence())
                            .append(" lastTs=").append(state.lastTimestamp())
                            .append(" coordinatorEpoch=").append(state.coordinatorEpoch())
                            .append(" txnStart=").append(state.currentTransactionStartOffset()).append("]");
                    }
                }
                out.append("\n");
            }
            Collection<TransactionListing> listings = admin.listTransactions().all().get(10, TimeUnit.SECONDS);
            Map<String, TransactionDescription> transactions = admin.describeTransactions(listings.stream()
                .map(TransactionListing::transactionalId).toList()).all().get(10, TimeUnit.SECONDS);
            new TreeMap<>(transactions).forEach((id, description) -> out.append("  txn ").append(id)
                .append(" state=").append(description.state()).append(" pid=").append(description.producerId())
                .append(" epoch=").append(description.producerEpoch())
                .append(" timeoutMs=").append(description.transactionTimeoutMs())
                .append(" startMs=").append(description.transactionStartTimeMs())
                .append(" partitions=").append(description.topicPartitions()).append("\n"));
        } catch (Exception e) {
            out.append("  probe failed: ").append(e).append("\n");
        }
        return out.toString();
    }

    /** Thread dump of the Kafka Streams threads. */
    static String streamThreads() {
        StringBuilder out = new StringBuilder("stream threads:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().contains("StreamThread") || thread.getName().contains("StateUpdater")) {
                out.append("  ").append(thread.getName()).append(" ").append(thread.getState()).append("\n");
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    out.append("      at ").append(stack[i]).append("\n");
                }
            }
        });
        return out.toString();
    }
}
