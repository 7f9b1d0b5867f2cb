package io.vitalcast.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import io.vitalcast.streaming.ErrorPolicy;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.rocksdb.RocksDBException;

/**
 * What a stream thread that died of an uncaught exception means for the service, decided from the exception, the
 * time and the configured {@link ErrorPolicy}, without Kafka, so that the policy can be tested with a fake clock.
 *
 * <p>By the time an exception escapes a stream thread, the record-level handlers have already set aside what a
 * record is to blame for. What is left is mostly the cluster: a broker killed and back after the producer's delivery
 * timeout, a changelog write that failed, a fenced producer. A new thread fixes those: under exactly-once the open
 * transaction is aborted and the new thread resumes from the committed offsets, so nothing is lost or duplicated,
 * whereas shutting the client down stops forecasting for every patient until someone restarts it. So the default
 * is {@link Verdict#REPLACE_THREAD}, after a backoff of {@code min(2^n, 30)} seconds, {@code n} being the number of
 * earlier failures within the last {@link #WINDOW}, so that a thread that fails again at once does not spin.
 *
 * <p>Two cases are not fixed by a new thread and stop the client ({@link StreamThreadExceptionResponse#SHUTDOWN_CLIENT}):
 * a failure of the state directory (a {@link ProcessorStateException}, an {@link IOException} or a
 * {@link RocksDBException} anywhere in the cause chain, such as a full disk), which every new thread would meet
 * again on the same directory; and {@link ErrorPolicy#FAIL}, the development switch, which stops at the first
 * exception. Thread-safe: several stream threads may fail at once.
 */
final class StreamThreadPolicy {
    /** Failures further back than this do not lengthen the backoff. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ErrorPolicy errors;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();

    StreamThreadPolicy(ErrorPolicy errors, Clock clock) {
        this.errors = errors;
        this.clock = clock;
    }

    /** What to do with a stream thread that died of this exception, counting it as a failure now. */
    synchronized Decision decide(Throwable exception) {
        if (errors == ErrorPolicy.FAIL) {
            return new Decision(Verdict.FAIL_FAST, Duration.ZERO, rootCause(exception));
        }
        Throwable stateFailure = stateDirectoryFailure(exception);
        if (stateFailure != null) {
            return new Decision(Verdict.STATE_DIRECTORY_FAILED, Duration.ZERO, rootCause(exception));
        }
        Instant now = clock.instant();
        while (!recentFailures.isEmpty() && recentFailures.peekFirst().isBefore(now.minus(WINDOW))) {
            recentFailures.removeFirst();
        }
        int earlier = recentFailures.size();
        recentFailures.addLast(now);
        Duration backoff = Duration.ofSeconds(Math.min(1L << Math.min(earlier, 30), MAX_BACKOFF.toSeconds()));
        return new Decision(Verdict.REPLACE_THREAD, backoff, rootCause(exception));
    }

    /** The first exception in the cause chain that says the state directory failed, or null. */
    static Throwable stateDirectoryFailure(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ProcessorStateException || t instanceof IOException || t instanceof RocksDBException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * The message of a file-system or state-store exception, which names files and stores; for any other exception
     * none, since its message may carry a patient id.
     */
    static String fileSystemMessage(Throwable exception) {
        boolean fileSystem = exception instanceof IOException || exception instanceof RocksDBException
            || exception instanceof ProcessorStateException;
        return fileSystem ? String.valueOf(exception.getMessage()) : "(message not logged)";
    }

    static Throwable rootCause(Throwable exception) {
        Throwable root = exception;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 100) {
            root = root.getCause();
        }
        return root;
    }

    /** The three outcomes, each with its Kafka Streams response. */
    enum Verdict {
        /** Replace the thread after the backoff. */
        REPLACE_THREAD(StreamThreadExceptionResponse.REPLACE_THREAD),
        /** The state directory failed: stop the client, exit 1. */
        STATE_DIRECTORY_FAILED(StreamThreadExceptionResponse.SHUTDOWN_CLIENT),
        /** {@link ErrorPolicy#FAIL}: stop the client, exit 1. */
        FAIL_FAST(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);

        private final StreamThreadExceptionResponse response;

        Verdict(StreamThreadExceptionResponse response) {
            this.response = response;
        }

        StreamThreadExceptionResponse response() {
            return response;
        }

        /** Whether the service stops and {@link StreamsRunner#runUntilStopped()} returns 1. */
        boolean fails() {
            return response == StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
    }

    /**
     * @param verdict   what happens
     * @param backoff   how long the dying thread waits before it is replaced (zero unless replaced)
     * @param rootCause the end of the cause chain
     */
    record Decision(Verdict verdict, Duration backoff, Throwable rootCause) {
    }
}
