package io.vitalcast.replay;

import io.vitalcast.errors.UserException;

/**
 * Kafka refused or failed to take a reading; the replay stops rather than skipping readings silently. A user error:
 * the broker, the topic or the permissions given are wrong or unreachable, which the user fixes, not the code.
 */
public final class ReplayException extends UserException {
    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
