package io.vitalcast.app;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.vitalcast.errors.UserException;

/**
 * The files that {@code --input} values name: a file as it is, a directory as its {@code *.csv} files, a glob
 * (e.g. {@code data/*.csv}, {@code data/**}{@code /rec-?.csv}) as the regular files it matches, each sorted by path
 * so that the groups, and so the records held out, do not depend on the order the file system lists them in.
 */
final class InputPaths {
    private static final String GLOB_CHARACTERS = "*?[{";

    private InputPaths() {
    }

    /**
     * The files, in the order the values are given, each once.
     *
     * @throws UserException naming the value when it names no file, an empty directory or matches nothing
     */
    static List<Path> resolve(List<String> values) {
        Set<Path> files = new LinkedHashSet<>();
        for (String value : values) {
            files.addAll(resolve(value));
        }
        return List.copyOf(files);
    }

    private static List<Path> resolve(String value) {
        if (isGlob(value)) {
            return glob(value);
        }
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            List<Path> csv = list(path, 1, FileSystems.getDefault().getPathMatcher("glob:*.csv"));
            if (csv.isEmpty()) {
                throw new UserException(value + ": no .csv file in this directory");
            }
            return csv;
        }
        if (!Files.isRegularFile(path)) {
            throw new UserException(value + ": no such file");
        }
        return List.of(path);
    }

    private static boolean isGlob(String value) {
        return value.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
    }

    /** A glob's files: its leading directories without wildcards are where the search starts. */
    private static List<Path> glob(String value) {
        Path pattern = Path.of(value.replace('\\', '/'));
        Path base = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
        int first = 0;
        while (first < pattern.getNameCount() - 1 && !isGlob(pattern.getName(first).toString())) {
            base = base.resolve(pattern.getName(first));
            first++;
        }
        Path rest = pattern.subpath(first, pattern.getNameCount());
        int depth = rest.toString().contains("**") ? Integer.MAX_VALUE : rest.getNameCount();
        Path start = base.toString().isEmpty() ? Path.of(".") : base;
        List<Path> matched = Files.isDirectory(start)
            ? list(start, depth, FileSystems.getDefault().getPathMatcher("glob:" + rest)) : List.of();
        if (matched.isEmpty()) {
            throw new UserException(value + ": no file matches this pattern");
        }
        if (base.toString().isEmpty()) {
            return matched.stream().map(p -> start.relativize(p)).toList();
        }
        return matched;
    }

    private static List<Path> list(Path directory, int depth, PathMatcher matcher) {
        try (Stream<Path> walk = Files.walk(directory, depth)) {
            List<Path> files = new ArrayList<>(walk
                .filter(Files::isRegularFile)
                .filter(p -> matcher.matches(directory.relativize(p)))
                .toList());
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UserException(directory + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
