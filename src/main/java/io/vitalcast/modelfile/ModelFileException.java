package io.vitalcast.modelfile;

import io.vitalcast.errors.UserException;

/**
 * A model file cannot be used: wrong format or version, failed checksum, shapes that do not fit, or a model that does
 * not fit where it is loaded (another kind, an unconfigured signal, another step). The message names the file or the
 * model, so that the user knows which file to replace.
 */
public final class ModelFileException extends UserException {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
