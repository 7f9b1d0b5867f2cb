package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-series-state-changelog", 2);
    private static final TopicPartition OTHER = new TopicPartition("app-series-state-changelog", 1);

    private static Optional<TransactionDescription> coordinator(TransactionState state, int epoch,
                                                                TopicPartition... partitions) {
        return Optional.of(new TransactionDescription(1, state, 7L, epoch, 10_000, OptionalLong.empty(),
            Set.of(partitions)));
    }

    @Test
    void shouldTakeATransactionOfAnOlderEpochThanTheCoordinatorsForHanging() {
        // seen after a broker restart: open at epoch 0 on the partition, the coordinator at epoch 2 and done
        assertThat(HangingTransactions.isHanging(CHANGELOG, 0, coordinator(TransactionState.COMPLETE_COMMIT, 2)))
            .isTrue();
        assertThat(HangingTransactions.isHanging(CHANGELOG, 0, coordinator(TransactionState.ONGOING, 1, CHANGELOG)))
            .isTrue();
    }

    @Test
    void shouldTakeATransactionTheCoordinatorFinishedOrNeverHadThePartitionInForHanging() {
        assertThat(HangingTransactions.isHanging(CHANGELOG, 3, coordinator(TransactionState.COMPLETE_ABORT, 3)))
            .isTrue();
        assertThat(HangingTransactions.isHanging(CHANGELOG, 3, coordinator(TransactionState.EMPTY, 3))).isTrue();
        assertThat(HangingTransactions.isHanging(CHANGELOG, 3, coordinator(TransactionState.ONGOING, 3, OTHER)))
            .isTrue();
    }

    @Test
    void shouldLeaveAnOpenTransactionTheCoordinatorStillCountsOrIsFinishing() {
        assertThat(HangingTransactions.isHanging(CHANGELOG, 3, coordinator(TransactionState.ONGOING, 3, CHANGELOG)))
            .isFalse();
        for (TransactionState finishing : new TransactionState[] {TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE, TransactionState.UNKNOWN}) {
            assertThat(HangingTransactions.isHanging(CHANGELOG, 3, coordinator(finishing, 4, CHANGELOG)))
                .as("%s", finishing).isFalse();
        }
    }

    @Test
    void shouldLeaveAProducerTheCoordinatorDoesNotKnowAsThisApplicationsAlone() {
        assertThat(HangingTransactions.isHanging(CHANGELOG, 0, Optional.empty())).isFalse();
    }

    @Test
    void shouldReportAsStalledOnlyARestoringPartitionWithoutABatchForTheWholeStall() {
        AtomicLong now = new AtomicLong();
        RestoringPartitions restoring = new RestoringPartitions(now::get);
        long stall = TimeUnit.SECONDS.toNanos(20);
        restoring.onRestoreStart(CHANGELOG, "series-state", 0, 113);
        restoring.onRestoreStart(OTHER, "series-state", 0, 50);
        now.set(TimeUnit.SECONDS.toNanos(15));
        restoring.onBatchRestored(OTHER, "series-state", 40, 40);
        assertThat(restoring.stalledFor(stall)).isEmpty();

        now.set(TimeUnit.SECONDS.toNanos(21));
        assertThat(restoring.stalledFor(stall)).containsExactly(CHANGELOG);

        restoring.onRestoreEnd(CHANGELOG, "series-state", 110);
        restoring.onBatchRestored(CHANGELOG, "series-state", 111, 1);
        now.set(TimeUnit.SECONDS.toNanos(40));
        assertThat(restoring.stalledFor(stall)).containsExactly(OTHER);
        assertThat(restoring.any()).isTrue();
    }
}
