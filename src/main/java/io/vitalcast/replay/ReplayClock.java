package io.vitalcast.replay;

import java.time.Instant;

/**
 * The time a replay is paced by: wall-clock time to stamp readings, a monotonic clock to pace them, and a way to
 * wait. An interface so that tests replay hours of readings in milliseconds with a clock that moves only when the
 * replayer sleeps.
 */
public interface ReplayClock {

    /** The current instant, used as the start of the replayed timeline. */
    Instant now();

    /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits {@code nanos} (positive); the replayer never asks for more than a short slice at a time. */
    void sleep(long nanos) throws InterruptedException;

    /** The system clock; waits with {@link Thread#sleep(long, int)}, so pacing never busy-waits. */
    static ReplayClock system() {
        return new ReplayClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            }
        };
    }
}
