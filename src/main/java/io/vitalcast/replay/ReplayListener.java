package io.vitalcast.replay;

/**
 * Told after every reading a replay sends, on the replaying thread; a progress display throttles itself, since it
 * may be called thousands of times a second when replaying as fast as possible.
 */
@FunctionalInterface
public interface ReplayListener {

    void onProgress(ReplayProgress progress);

    /** A listener that ignores progress. */
    static ReplayListener none() {
        return progress -> { };
    }
}
