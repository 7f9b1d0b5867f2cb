package io.vitalcast.data;

import io.vitalcast.errors.UserException;

/**
 * Input data that cannot be used as a whole (missing file, missing column, malformed row, no readings). The message
 * is one line that starts with the file name, so a command line can print it as is.
 */
public final class DataException extends UserException {
    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
