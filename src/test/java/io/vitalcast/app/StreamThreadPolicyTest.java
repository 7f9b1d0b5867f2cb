package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.vitalcast.app.StreamThreadPolicy.Decision;
import io.vitalcast.app.StreamThreadPolicy.Verdict;
import io.vitalcast.streaming.ErrorPolicy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** The stream-thread failure policy, called as the runner's uncaught-exception handler calls it, on a fake clock. */
class StreamThreadPolicyTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final StreamThreadPolicy policy = new StreamThreadPolicy(ErrorPolicy.REJECT, clock);

    private static StreamsException brokerAway() {
        return new StreamsException("Error encountered sending record to topic x-series-state-changelog for task "
            + "0_1 due to: org.apache.kafka.common.errors.TimeoutException: Expiring 3 record(s)",
            new TimeoutException("Expiring 3 record(s) for p-017"));
    }

    @Test
    void shouldReplaceTheThreadAfterASecondWhenTheBrokerWasAwayPastTheDeliveryTimeout() {
        Decision decision = policy.decide(brokerAway());

        assertThat(decision.verdict()).isEqualTo(Verdict.REPLACE_THREAD);
        assertThat(decision.verdict().response()).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(decision.verdict().fails()).isFalse();
        assertThat(decision.backoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldDoubleTheBackoffForEachFailureWithinTenMinutesUpToThirtySeconds() {
        long[] backoffs = new long[8];
        for (int i = 0; i < backoffs.length; i++) {
            backoffs[i] = policy.decide(brokerAway()).backoff().toSeconds();
            clock.advance(Duration.ofSeconds(20));
        }

        assertThat(backoffs).containsExactly(1, 2, 4, 8, 16, 30, 30, 30);
    }

    @Test
    void shouldForgetFailuresOlderThanTenMinutes() {
        policy.decide(brokerAway());
        clock.advance(Duration.ofMinutes(5));
        policy.decide(brokerAway());
        clock.advance(Duration.ofMinutes(6));

        assertThat(policy.decide(brokerAway()).backoff()).as("one failure in the last 10 minutes")
            .isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofMinutes(11));
        assertThat(policy.decide(brokerAway()).backoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldShutTheClientDownWithoutBackoffWhenTheStateDirectoryFails() {
        IOException full = new IOException("No space left on device: /var/lib/vitalcast/state/0_1/rocksdb/LOG");
        Decision decision = policy.decide(new StreamsException(new ProcessorStateException("task 0_1", full)));

        assertThat(decision.verdict()).isEqualTo(Verdict.STATE_DIRECTORY_FAILED);
        assertThat(decision.verdict().response()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(decision.verdict().fails()).isTrue();
        assertThat(decision.backoff()).isZero();
        assertThat(decision.rootCause()).isSameAs(full);
        assertThat(StreamThreadPolicy.fileSystemMessage(decision.rootCause())).contains("No space left on device");
    }

    @Test
    void shouldTreatARocksDbOrFileSystemErrorAnywhereInTheChainAsAStateDirectoryFailure() {
        RocksDBException rocks = new RocksDBException("IO error: No space left on device: While appending to file",
            new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device"));

        assertThat(policy.decide(new StreamsException(new KafkaException(rocks))).verdict())
            .isEqualTo(Verdict.STATE_DIRECTORY_FAILED);
        assertThat(policy.decide(new ProcessorStateException("state directory locked")).verdict())
            .isEqualTo(Verdict.STATE_DIRECTORY_FAILED);
        assertThat(policy.decide(new StreamsException(new java.io.UncheckedIOException(new IOException("disk"))))
            .verdict()).isEqualTo(Verdict.STATE_DIRECTORY_FAILED);
    }

    @Test
    void shouldNotCountAStateDirectoryFailureTowardsTheBackoff() {
        policy.decide(new ProcessorStateException("disk"));

        assertThat(policy.decide(brokerAway()).backoff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldShutTheClientDownOnEveryExceptionWhenProcessingErrorsFail() {
        StreamThreadPolicy failing = new StreamThreadPolicy(ErrorPolicy.FAIL, clock);

        for (Throwable exception : new Throwable[] {brokerAway(), new IllegalStateException("a bug"),
            new ProcessorStateException("disk")}) {
            Decision decision = failing.decide(exception);
            assertThat(decision.verdict()).isEqualTo(Verdict.FAIL_FAST);
            assertThat(decision.verdict().response()).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
            assertThat(decision.backoff()).isZero();
        }
    }

    @Test
    void shouldNotLogTheMessageOfAnExceptionThatIsNotAFileSystemOne() {
        assertThat(StreamThreadPolicy.fileSystemMessage(new IllegalStateException("patient p-017")))
            .doesNotContain("p-017");
    }

    /** A clock the test moves by hand. */
    private static final class FakeClock extends Clock {
        private Instant now;

        FakeClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
