package io.vitalcast.embedded;

import io.vitalcast.errors.UserException;

/**
 * The embedded broker could not be formatted, started or reached; the message says which and why. A user error: the
 * causes are the data directory (not writable, or holding another broker), a port in use or a machine too slow to
 * start a broker in time, which the user fixes ({@code --data-dir}, {@code --fresh}, {@code --kafka-port}); the
 * cause is kept for a closer look.
 */
public final class EmbeddedKafkaException extends UserException {
    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
