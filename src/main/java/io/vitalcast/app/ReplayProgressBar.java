package io.vitalcast.app;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.vitalcast.replay.ReplayListener;
import io.vitalcast.replay.ReplayProgress;

/**
 * Replay progress on the error stream: on a terminal, a bar redrawn at most ten times a second; elsewhere (a
 * container's log) one line per finished pass and at most one every thirty seconds, so logs stay readable.
 */
final class ReplayProgressBar implements ReplayListener {
    private static final int WIDTH = 30;
    private static final long BAR_INTERVAL_NANOS = 100_000_000L;
    private static final long LINE_INTERVAL_NANOS = 30_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastDrawNanos = System.nanoTime();

    ReplayProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onProgress(ReplayProgress progress) {
        long now = System.nanoTime();
        if (!progress.passComplete() && now - lastDrawNanos < (terminal ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS)) {
            return;
        }
        lastDrawNanos = now;
        int filled = (int) (WIDTH * progress.sentInPass() / progress.perPass());
        err.printf(Locale.ROOT, "%spass %d [%s%s] %d/%d readings, event time %s%s", terminal ? "\r" : "",
            progress.pass(), "=".repeat(filled), " ".repeat(WIDTH - filled), progress.sentInPass(),
            progress.perPass(), progress.eventTime().truncatedTo(ChronoUnit.SECONDS), terminal ? "" : System.lineSeparator());
        err.flush();
    }
}
