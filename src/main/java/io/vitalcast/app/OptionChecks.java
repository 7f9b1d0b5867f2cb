package io.vitalcast.app;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vitalcast.errors.UserException;

/**
 * Checks of option values before a command does its work: ranges of values that go straight into library code (whose
 * own checks are contracts for callers and would be reported as bugs), and outputs that could not be written, so that
 * a command fails in one line naming the option and the file before minutes of training or scoring, not after.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    static void atLeast(String option, int min, int value) {
        if (value < min) {
            throw new UserException(option + " must be at least " + min + ", was " + value);
        }
    }

    static void between(String option, int min, int max, int value) {
        if (value < min || value > max) {
            throw new UserException(option + " must be from " + min + " to " + max + ", was " + value);
        }
    }

    /**
     * Fails unless {@code file} can be written: its directory exists or can be created (no part of the path is a
     * file), and the file itself is not a directory or a read-only file.
     */
    static void writableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException(option + ": " + file + " is a directory, not a file");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UserException(option + ": " + file + " cannot be written (read-only)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            creatableDirectory(option, file, parent);
        }
    }

    /** Fails unless {@code directory} exists as a writable directory or can be created. */
    static void writableDirectory(String option, Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UserException(option + ": " + directory + " is a file, not a directory");
        }
        creatableDirectory(option, directory, directory.toAbsolutePath());
    }

    private static void creatableDirectory(String option, Path named, Path directory) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new UserException(option + ": cannot write " + named + ": " + existing + " is a file, not a "
                + "directory");
        }
        if (!Files.isWritable(existing)) {
            throw new UserException(option + ": cannot write " + named + ": " + existing + " is not writable");
        }
    }
}
