package io.vitalcast.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the hanging transactions that keep a restoration from finishing: a transaction left open on a partition
 * (its records written, no commit or abort marker after them) that the transaction coordinator no longer counts as
 * open, so that it will never write the marker. The partition's last stable offset stays below its end for good, and
 * the state updater, whose read_committed restore consumer reads up to the last stable offset but waits for the end
 * offset, restores nothing more, forever, without an error: the client stays REBALANCING and the tasks of those
 * partitions are not processed.
 *
 * <p>Seen when the broker (a single broker, or every replica at once) is killed and restarted: the restarted
 * coordinator aborts the transaction that was open at the kill, before the partitions have a leader again, and its
 * marker sender ({@code kafka.coordinator.transaction.TransactionMarkerChannelManager}) takes a partition without a
 * leader for a deleted one and drops it from the transaction ("Couldn't find leader endpoint for partitions ...
 * these partitions are likely deleted already and hence can be skipped"), so that no abort marker is written there.
 *
 * <p>Every {@link #CHECK_INTERVAL}, when a changelog partition has restored nothing for {@link #STALL}, this looks at
 * the producers with an open transaction on the application's partitions ({@code Admin.describeProducers}) and at
 * what the coordinator says of each producer's transactional id ({@code Admin.describeTransactions}). An open
 * transaction is aborted ({@code Admin.abortTransaction}, KIP-664, as {@code kafka-transactions.sh abort} does) only
 * when its transactional id is this application's and the coordinator has moved past it: the producer's epoch is
 * newer, or the transaction is complete or empty, or the partition is not in it. A transaction the coordinator is
 * still working on is left alone. Its records were never committed, so aborting them loses nothing.
 */
final class HangingTransactions implements AutoCloseable {
    static final Duration STALL = Duration.ofSeconds(20);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final long ADMIN_TIMEOUT_MS = 10_000;

    private final Admin admin;
    private final String applicationId;
    private final Collection<String> outputTopics;
    private final RestoringPartitions restoring;
    private final Runnable onAbort;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vitalcast-hanging-transactions");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param outputTopics the topics the application writes besides its internal ones (forecasts, alerts, rejected)
     * @param onAbort      called for every transaction aborted (a counter)
     */
    HangingTransactions(Admin admin, String applicationId, Collection<String> outputTopics,
                        RestoringPartitions restoring, Runnable onAbort) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.outputTopics = List.copyOf(outputTopics);
        this.restoring = restoring;
        this.onAbort = onAbort;
    }

    HangingTransactions start() {
        scheduler.scheduleWithFixedDelay(this::checkQuietly, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Could not look for hanging transactions", e);
        }
    }

    /** Aborts the hanging transactions, if a restoration has stalled; returns how many it aborted. */
    int check() throws InterruptedException, ExecutionException, TimeoutException {
        Set<TopicPartition> stalled = restoring.stalledFor(STALL.toNanos());
        if (stalled.isEmpty()) {
            return 0;
        }
        List<TopicPartition> partitions = applicationPartitions();
        Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
        admin.describeProducers(partitions).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .forEach((partition, producers) -> producers.activeProducers().stream()
                .filter(producer -> producer.currentTransactionStartOffset().isPresent())
                .forEach(producer -> open.computeIfAbsent(partition, any -> new ArrayList<>()).add(producer)));
        if (open.isEmpty()) {
            LOG.debug("Restoration of {} stalled, with no open transaction on the application's partitions", stalled);
            return 0;
        }
        Map<Long, TransactionDescription> coordinatorView = coordinatorView(
            open.values().stream().flatMap(List::stream).map(ProducerState::producerId).distinct().toList());
        int aborted = 0;
        for (Map.Entry<TopicPartition, List<ProducerState>> entry : open.entrySet()) {
            for (ProducerState producer : entry.getValue()) {
                aborted += abortIfHanging(entry.getKey(), producer, coordinatorView.get(producer.producerId()),
                    stalled);
            }
        }
        return aborted;
    }

    /** Aborts the transaction {@code producer} has open on {@code partition} if it hangs; returns 1 if it did. */
    private int abortIfHanging(TopicPartition partition, ProducerState producer, TransactionDescription transaction,
                               Set<TopicPartition> stalled)
        throws InterruptedException, ExecutionException, TimeoutException {
        if (!isHanging(partition, producer.producerEpoch(), Optional.ofNullable(transaction))) {
            return 0;
        }
        LOG.warn("Aborting a hanging transaction on {} from offset {} (producer {}, epoch {}; the coordinator has "
                + "epoch {}, {}): it kept the restoration of {} from finishing", partition,
            producer.currentTransactionStartOffset().getAsLong(), producer.producerId(), producer.producerEpoch(),
            transaction.producerEpoch(), transaction.state(), stalled);
        admin.abortTransaction(new AbortTransactionSpec(partition, producer.producerId(),
                (short) producer.producerEpoch(), producer.coordinatorEpoch().orElse(-1)))
            .all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        onAbort.run();
        return 1;
    }

    /** The coordinator's transaction of each producer id, for the transactional ids of this application. */
    private Map<Long, TransactionDescription> coordinatorView(List<Long> producerIds)
        throws InterruptedException, ExecutionException, TimeoutException {
        Collection<TransactionListing> listings = admin.listTransactions(
                new ListTransactionsOptions().filterProducerIds(producerIds)).all()
            .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        List<String> ids = listings.stream().map(TransactionListing::transactionalId)
            .filter(id -> id.startsWith(applicationId + "-")).toList();
        Map<Long, TransactionDescription> view = new HashMap<>();
        if (!ids.isEmpty()) {
            admin.describeTransactions(ids).all().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .values().forEach(description -> view.put(description.producerId(), description));
        }
        return view;
    }

    /** The changelog and repartition topics of the application and its output topics, every partition. */
    private List<TopicPartition> applicationPartitions()
        throws InterruptedException, ExecutionException, TimeoutException {
        List<String> topics = new ArrayList<>(outputTopics);
        admin.listTopics().names().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).stream()
            .filter(name -> name.startsWith(applicationId + "-")).forEach(topics::add);
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
            .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).values()) {
            topic.partitions().forEach(info -> partitions.add(new TopicPartition(topic.name(), info.partition())));
        }
        return partitions;
    }

    /**
     * Whether a transaction open on {@code partition} at {@code producerEpoch} hangs: the coordinator knows its
     * producer (as one of this application's transactional ids) and has moved past it. Unknown to the coordinator
     * (another application's, or expired) is not taken for hanging; nor is a transaction being committed or aborted.
     */
    static boolean isHanging(TopicPartition partition, int producerEpoch,
                             Optional<TransactionDescription> coordinator) {
        if (coordinator.isEmpty()) {
            return false;
        }
        TransactionDescription transaction = coordinator.get();
        TransactionState state = transaction.state();
        if (state == TransactionState.PREPARE_COMMIT || state == TransactionState.PREPARE_ABORT
            || state == TransactionState.PREPARE_EPOCH_FENCE || state == TransactionState.UNKNOWN) {
            return false;
        }
        if (transaction.producerEpoch() > producerEpoch) {
            return true;
        }
        return transaction.producerEpoch() == producerEpoch
            && (state != TransactionState.ONGOING || !transaction.topicPartitions().contains(partition));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
