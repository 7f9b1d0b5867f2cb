package io.vitalcast.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes readings as CSV.
 *
 * <p>The long format is Vitalcast's own: header {@code timestamp,patient_id,signal,value[,unit]} (any column order),
 * one reading per row, the timestamp in ISO-8601 or as epoch milliseconds. The wide format is what PhysioNet exports
 * look like: a time column and one column per signal, read through {@link WideCsvOptions}. In both, a blank value
 * is a missing reading, not a reading; a value that is present is returned as read (NaN, 0 and out-of-range values
 * included) for the {@link SeriesBuilder} to count.
 *
 * <p>A file that cannot be used fails as a whole with a {@link DataException} whose one-line message starts with the
 * file: it does not exist, a required column is missing, a row has the wrong number of cells, a time or a value is
 * not a number, or there is no reading at all. Stateless and thread-safe.
 */
public final class ReadingsCsv {
    /** Header of the long format as written. */
    public static final List<String> LONG_HEADER = List.of("timestamp", "patient_id", "signal", "value", "unit");

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d+");

    private ReadingsCsv() {
    }

    /** Reads a long-format file. */
    public static List<Reading> readLong(Path file) {
        List<String[]> rows = readRows(file);
        Map<String, Integer> header = header(file, rows.get(0));
        int time = require(file, header, "timestamp");
        int patient = require(file, header, "patient_id");
        int signal = require(file, header, "signal");
        int value = require(file, header, "value");
        Integer unit = header.get("unit");
        List<Reading> readings = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (isBlankRow(row)) {
                continue;
            }
            checkWidth(file, r, row, header.size());
            String valueCell = row[value].trim();
            if (valueCell.isEmpty()) {
                continue;
            }
            String patientId = row[patient].trim();
            String signalName = row[signal].trim();
            if (patientId.isEmpty() || signalName.isEmpty()) {
                throw new DataException(where(file, r) + "patient_id and signal must not be blank");
            }
            readings.add(new Reading(parseLongTimestamp(file, r, row[time].trim()), patientId, signalName,
                parseValue(file, r, "value", valueCell), unit == null ? null : row[unit].trim()));
        }
        return nonEmpty(file, readings);
    }

    /** Reads a wide file: one reading per non-blank mapped cell. */
    public static List<Reading> readWide(Path file, WideCsvOptions options) {
        return readWide(file, options, SignalCatalog.defaults());
    }

    /** Reads a wide file, taking each reading's unit from the catalog when the signal is in it. */
    public static List<Reading> readWide(Path file, WideCsvOptions options, SignalCatalog catalog) {
        List<String[]> rows = readRows(file);
        Map<String, Integer> header = header(file, rows.get(0));
        int time = require(file, header, options.timeColumn());
        List<Integer> indexes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> signals = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (Map.Entry<String, String> column : options.columns().entrySet()) {
            indexes.add(require(file, header, column.getKey()));
            names.add(column.getKey());
            signals.add(column.getValue());
            units.add(catalog.contains(column.getValue()) ? catalog.spec(column.getValue()).unit() : null);
        }
        List<Reading> readings = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (isBlankRow(row)) {
                continue;
            }
            checkWidth(file, r, row, header.size());
            Instant timestamp = null;
            for (int c = 0; c < indexes.size(); c++) {
                String cell = row[indexes.get(c)].trim();
                if (cell.isEmpty()) {
                    continue;
                }
                if (timestamp == null) {
                    timestamp = parseWideTime(file, r, row[time].trim(), options);
                }
                readings.add(new Reading(timestamp, options.patientId(), signals.get(c),
                    parseValue(file, r, names.get(c), cell), units.get(c)));
            }
        }
        return nonEmpty(file, readings);
    }

    /** Writes readings in the long format, in the order given, creating parent directories. */
    public static void writeLong(Path file, List<Reading> readings) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(String.join(",", LONG_HEADER));
                out.write('\n');
                for (Reading reading : readings) {
                    out.write(reading.timestamp().toString());
                    out.write(',');
                    out.write(quote(reading.patientId()));
                    out.write(',');
                    out.write(quote(reading.signal()));
                    out.write(',');
                    out.write(Double.toString(reading.value()));
                    out.write(',');
                    out.write(reading.unit() == null ? "" : quote(reading.unit()));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static List<String[]> readRows(Path file) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (rows.isEmpty() && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                rows.add(split(line));
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file", e);
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty() || isBlankRow(rows.get(0))) {
            throw new DataException(file + ": empty file, expected a header row");
        }
        return rows;
    }

    private static Map<String, Integer> header(Path file, String[] row) {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < row.length; i++) {
            String name = row[i].trim();
            if (header.put(name, i) != null) {
                throw new DataException(file + ": column '" + name + "' appears twice in the header");
            }
        }
        return header;
    }

    private static int require(Path file, Map<String, Integer> header, String column) {
        Integer index = header.get(column);
        if (index == null) {
            List<String> names = new ArrayList<>(header.keySet());
            names.sort((a, b) -> Integer.compare(header.get(a), header.get(b)));
            throw new DataException(file + ": no column '" + column + "'; columns are " + String.join(", ", names));
        }
        return index;
    }

    private static void checkWidth(Path file, int row, String[] cells, int width) {
        if (cells.length != width) {
            throw new DataException(where(file, row) + "expected " + width + " cells, found " + cells.length);
        }
    }

    private static Instant parseLongTimestamp(Path file, int row, String cell) {
        try {
            return EPOCH_MILLIS.matcher(cell).matches() ? Instant.ofEpochMilli(Long.parseLong(cell))
                : TimeUnitOption.parseTimestamp(cell);
        } catch (IllegalArgumentException e) {
            throw new DataException(where(file, row) + "timestamp '" + cell
                + "' is neither ISO-8601 nor epoch milliseconds");
        }
    }

    private static Instant parseWideTime(Path file, int row, String cell, WideCsvOptions options) {
        try {
            return options.timeUnit().toInstant(cell, options.origin());
        } catch (IllegalArgumentException e) {
            throw new DataException(where(file, row) + "time '" + cell + "' in column '" + options.timeColumn()
                + "' is not valid for time unit " + options.timeUnit().symbol());
        }
    }

    private static double parseValue(Path file, int row, String column, String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataException(where(file, row) + "value '" + cell + "' in column '" + column
                + "' is not a number");
        }
    }

    private static List<Reading> nonEmpty(Path file, List<Reading> readings) {
        if (readings.isEmpty()) {
            throw new DataException(file + ": no readings (every row is empty or blank in the columns read)");
        }
        return List.copyOf(readings);
    }

    /** Where a problem is: file and 1-based line number. */
    private static String where(Path file, int rowIndex) {
        return file + ":" + (rowIndex + 1) + ": ";
    }

    private static boolean isBlankRow(String[] row) {
        return row.length == 1 && row[0].isBlank();
    }

    /** Splits one CSV line (RFC 4180 quoting within the line; fields never span lines in these files). */
    static String[] split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }

    private static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
