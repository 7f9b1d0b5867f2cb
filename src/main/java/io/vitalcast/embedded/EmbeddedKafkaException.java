package io.vitalcast.embedded;

/** The embedded broker could not be formatted, started or reached; the message says which and why. */
public final class EmbeddedKafkaException extends RuntimeException {
    public EmbeddedKafkaException(String message) {
        super(message);
    }

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
