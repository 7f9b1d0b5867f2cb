package io.vitalcast.modelfile;

/** A model file cannot be read: wrong format or version, failed checksum, or shapes that do not fit. */
public final class ModelFileException extends RuntimeException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
