package io.vitalcast.app;

/** A problem the user can fix (bad input, bad option): printed as one line, exit code 2, no stack trace. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}
