package io.vitalcast.replay;

/** Kafka refused or failed to take a reading; the replay stops rather than skipping readings silently. */
public final class ReplayException extends RuntimeException {
    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
