package io.vitalcast.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when the replayer sleeps, recording each sleep. */
final class FakeClock implements ReplayClock {
    private final Instant start;
    private long nanos = 1_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();

    FakeClock(Instant start) {
        this.start = start;
    }

    @Override
    public Instant now() {
        return start.plusNanos(nanos);
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public void sleep(long duration) {
        sleeps.add(duration);
        nanos += duration;
    }

    /** Lets time pass without a sleep, as a slow send would. */
    void advance(long duration) {
        nanos += duration;
    }
}
