package io.vitalcast.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.TimeUnitOption;
import io.vitalcast.data.WideCsvOptions;
import io.vitalcast.errors.UserException;
import picocli.CommandLine.Option;

/**
 * The input options shared by commands that read recordings: a long readings CSV, or a wide CSV (one column per
 * signal, as PhysioNet exports are) described by {@code --time-column}, {@code --time-unit} and {@code --column}.
 * {@code --input} may be given several times and may name a directory or a glob ({@link InputPaths}), for the
 * commands that learn from or score a population of records ({@link #groups}); the commands that replay one
 * recording read {@link #file}.
 */
final class InputOptions {
    @Option(names = "--input", required = true, paramLabel = "FILE",
        description = "Readings CSV: long format (timestamp,patient_id,signal,value[,unit]) or, with --time-column, "
            + "a wide CSV. train and evaluate: repeatable, and a directory (its *.csv files) or a glob "
            + "(e.g. 'data/*.csv').")
    List<String> input = new ArrayList<>();

    @Option(names = "--patient", paramLabel = "ID",
        description = "Only this patient (long format); the patient id given to a wide CSV's readings.")
    String patient;

    @Option(names = "--time-column", paramLabel = "COLUMN",
        description = "Wide CSV: the column holding time.")
    String timeColumn;

    @Option(names = "--time-unit", paramLabel = "UNIT", defaultValue = "s",
        description = "Wide CSV: unit of the time column: ms, s, min or iso (default ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--column", paramLabel = "COLUMN=SIGNAL",
        description = "Wide CSV: a value column and the signal it holds, e.g. hr_bpm=heart_rate (repeatable).")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--step", paramLabel = "DURATION",
        description = "Step of the signal (ISO-8601, e.g. PT1S, PT1M); inferred from the data when absent.")
    Duration step;

    /**
     * The prepared series of {@code signal} (one per patient and file) in the inputs.
     *
     * @throws UserException naming the problem: missing file, unknown signal, no readings of it, no valid rows
     */
    List<PreparedSeries> load(String signal, SignalCatalog catalog) {
        return groups(signal, catalog).stream().map(SeriesGroup::series).toList();
    }

    /**
     * The records of {@code signal} in the inputs: one per file and patient, files in the order given (a directory's
     * or glob's sorted), patients in the order of their first reading. With {@code --patient} and several files,
     * the files without that patient are passed over.
     *
     * @throws UserException naming the problem: missing file, unknown signal, a file without readings of it or
     *                       without valid ones
     */
    List<SeriesGroup> groups(String signal, SignalCatalog catalog) {
        List<SeriesGroup> groups = new ArrayList<>();
        List<Path> files = files();
        boolean onePatientOfMany = files.size() > 1 && patient != null && timeColumn == null;
        for (Path file : files) {
            if (onePatientOfMany && ReadingsCsv.readLong(file).stream().noneMatch(r -> r.patientId().equals(patient))) {
                continue;
            }
            List<Reading> selected = readingsOf(file, signal, catalog);
            Map<String, Duration> steps = step == null ? Map.of() : Map.of(signal, step);
            List<PreparedSeries> series = SeriesBuilder.prepareAll(selected, catalog, steps);
            if (series.stream().allMatch(s -> s.validReadings() == 0)) {
                throw new UserException(file + ": no valid readings of signal '" + signal + "' ("
                    + series.get(0).invalid() + ")");
            }
            series.forEach(s -> groups.add(new SeriesGroup(file, s)));
        }
        if (groups.isEmpty()) {
            throw new UserException("no readings of patient " + patient + " in any of the " + files.size()
                + " input files");
        }
        return groups;
    }

    /**
     * The one file of a command that reads a single recording.
     *
     * @throws UserException when it is missing or {@code --input} names more than one file
     */
    Path file() {
        List<Path> files = files();
        if (files.size() != 1) {
            throw new UserException("--input: this command reads one file, given " + files.size() + " ("
                + String.join(", ", input) + ")");
        }
        return files.get(0);
    }

    /** Every file the {@code --input} values name. */
    List<Path> files() {
        return InputPaths.resolve(input);
    }

    /**
     * The readings of {@code signal} in the input (long format: only {@code --patient}'s when given).
     *
     * @throws UserException naming the problem: missing file, unknown signal, no readings of it
     */
    List<Reading> readingsOf(String signal, SignalCatalog catalog) {
        return readingsOf(file(), signal, catalog);
    }

    /** The readings of {@code signal} one record's series was prepared from: its file's, of its patient. */
    List<Reading> readingsOf(SeriesGroup group, String signal, SignalCatalog catalog) {
        return readingsOf(group.file(), signal, catalog).stream()
            .filter(r -> r.patientId().equals(group.patientId())).toList();
    }

    private List<Reading> readingsOf(Path input, String signal, SignalCatalog catalog) {
        if (!catalog.contains(signal)) {
            throw new UserException("unknown signal '" + signal + "'; known signals are " + catalog.names());
        }
        List<Reading> selected = readings(input, catalog).stream().filter(r -> r.signal().equals(signal)).toList();
        if (selected.isEmpty()) {
            throw new UserException(input + ": no readings of signal '" + signal + "'"
                + (patient != null && timeColumn == null ? " for patient " + patient : ""));
        }
        return selected;
    }

    /**
     * Every reading in the input, of every signal, as read (long format: only {@code --patient}'s when given).
     *
     * @throws UserException when the file is missing or a wide CSV has no {@code --column}
     */
    List<Reading> readings(SignalCatalog catalog) {
        return readings(file(), catalog);
    }

    private List<Reading> readings(Path input, SignalCatalog catalog) {
        if (timeColumn == null) {
            List<Reading> readings = ReadingsCsv.readLong(input);
            if (patient == null) {
                return readings;
            }
            List<Reading> selected = readings.stream().filter(r -> r.patientId().equals(patient)).toList();
            if (selected.isEmpty()) {
                throw new UserException(input + ": no readings of patient " + patient);
            }
            return selected;
        }
        if (columns.isEmpty()) {
            throw new UserException("a wide CSV needs at least one --column COLUMN=SIGNAL");
        }
        return ReadingsCsv.readWide(input, new WideCsvOptions(timeColumn, TimeUnitOption.parse(timeUnit), columns,
            patient == null ? input.getFileName().toString().replaceFirst("\\.csv$", "") : patient), catalog);
    }

    /** What was read, for provenance and reports. */
    String describe(String signal) {
        List<Path> files = files();
        String what = files.size() == 1 ? String.valueOf(files.get(0).getFileName()) : files.size() + " files ("
            + files.stream().map(f -> String.valueOf(f.getFileName())).collect(Collectors.joining(", ")) + ")";
        return what + " signal " + signal + (patient == null ? "" : " patient " + patient);
    }
}
