package io.vitalcast.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vitalcast.errors.UserException;
import picocli.CommandLine;

/**
 * How a command that failed ends, so that the user can tell a mistake to fix from a bug to report:
 * <ul>
 *   <li>a {@link UserException} (a bad option, setting, input file or model file) prints its message as one line,
 *       exit code {@value #USER_ERROR}, no stack trace;</li>
 *   <li>an {@link IOException} (or {@link UncheckedIOException}) on a file the user named prints one line naming the
 *       file and what went wrong, exit code {@value #USER_ERROR};</li>
 *   <li>anything else, an {@link IllegalArgumentException} from library code included, is a bug: one line saying
 *       so, then the stack trace, exit code {@value #BUG} (picocli's {@link CommandLine.ExitCode#SOFTWARE}, the code
 *       of an exception no handler claims).</li>
 * </ul>
 * Jackson's {@link JsonProcessingException} is an {@code IOException}, but the commands only meet one writing their
 * own reports (model files wrap theirs in a {@code ModelFileException}), so it counts as a bug.
 */
final class ExceptionReporter implements CommandLine.IExecutionExceptionHandler {
    /** Exit code of a mistake the user can fix; picocli uses it for bad options too. */
    static final int USER_ERROR = 2;
    /** Exit code of a bug. */
    static final int BUG = CommandLine.ExitCode.SOFTWARE;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String problem = userProblem(exception);
        if (problem != null) {
            err.println("vitalcast: " + oneLine(problem));
            err.flush();
            return USER_ERROR;
        }
        err.println("vitalcast: internal error (a bug in Vitalcast, not in what was given; please report it with the "
            + "trace below): " + oneLine(String.valueOf(exception)));
        exception.printStackTrace(err);
        err.flush();
        return BUG;
    }

    /** What the user should fix, or null when the exception is a bug. */
    static String userProblem(Exception exception) {
        if (exception instanceof UserException) {
            return messageOf(exception);
        }
        IOException io = exception instanceof UncheckedIOException unchecked ? unchecked.getCause()
            : exception instanceof IOException checked ? checked : null;
        if (io == null || io instanceof JsonProcessingException) {
            return null;
        }
        return describe(io);
    }

    /** An I/O failure with the file it happened on, when the exception knows it. */
    static String describe(IOException exception) {
        if (!(exception instanceof FileSystemException failure) || failure.getFile() == null) {
            return messageOf(exception);
        }
        String files = failure.getFile() + (failure.getOtherFile() == null ? "" : " -> " + failure.getOtherFile());
        String reason = failure.getReason() != null ? failure.getReason()
            : failure instanceof NoSuchFileException ? "no such file or directory"
            : failure instanceof AccessDeniedException ? "permission denied"
            : failure instanceof FileAlreadyExistsException ? "already exists"
            : failure instanceof NotDirectoryException ? "not a directory"
            : failure instanceof DirectoryNotEmptyException ? "directory not empty"
            : failure.getClass().getSimpleName();
        return files + ": " + reason;
    }

    private static String messageOf(Exception exception) {
        String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }

    /** Messages quoting a tool's output or a file's line may span lines; the user line must not. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
