package io.vitalcast.errors;

/**
 * A problem the user can fix: a bad option, setting, input file or model file. Its message is one line that names
 * the offending option, key, file or value, because the command line prints it as it is (exit code 2, no stack
 * trace). Anything else that escapes a command, {@link IllegalArgumentException} included, is reported as a bug with
 * its stack trace; so a check on what a caller passes stays an {@code IllegalArgumentException}, and only a check
 * on what a user gave throws this type or one of its subclasses.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
