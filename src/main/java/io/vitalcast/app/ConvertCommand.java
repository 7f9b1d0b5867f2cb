package io.vitalcast.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.TimeUnitOption;
import io.vitalcast.data.WideCsvOptions;
import io.vitalcast.errors.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Converts a wide CSV (a time column and one column per signal, as PhysioNet exports are) into Vitalcast's long
 * readings format, so every other command reads one format. Values are copied as they are, zeros and out-of-range
 * values included: judging them is the job of series preparation, which counts what it rejects.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert a wide CSV (one column per signal) into the long readings format",
        "(timestamp,patient_id,signal,value,unit). Blank cells are missing readings; every other value is copied."})
final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Wide CSV to read.")
    Path input;
    @Option(names = "--time-column", required = true, description = "Name of the time column.")
    String timeColumn;
    @Option(names = "--time-unit", defaultValue = "s",
        description = "Unit of the time column: s, ms, min or iso (default ${DEFAULT-VALUE}).")
    String timeUnit;
    @Option(names = "--origin", description = "Instant of time 0 for numeric times (default "
        + "2000-01-01T00:00:00Z; PhysioNet records are de-identified and start at 0).")
    Instant origin;
    @Option(names = "--column", paramLabel = "COLUMN=SIGNAL",
        description = "A column to read and the signal it holds; repeat for several. Signals: heart_rate, spo2, "
            + "resp_rate, rr_interval, abp_mean, abp_sys, abp_dias, pulse.")
    Map<String, String> columns = new LinkedHashMap<>();
    @Option(names = "--derive-heart-rate", paramLabel = "ECG_COLUMN=SIGNAL",
        description = {"Instead of copying columns: detect beats in this ECG column (a simplified Pan-Tompkins QRS "
            + "detector) and write a heart rate per --rate-step, 60 / median of the last 5 beat intervals, stamped "
            + "at the end of its step; no value where the last beat is over 3 s old.",
            "Example: II_mV=ecg_heart_rate."})
    String deriveHeartRate;
    @Option(names = "--rate-step", defaultValue = "PT1S",
        description = "Step of the derived heart rate (default ${DEFAULT-VALUE}).")
    java.time.Duration rateStep;
    @Option(names = "--patient", required = true, description = "Patient id given to every reading.")
    String patientId;
    @Option(names = "--output", required = true, description = "Long-format CSV to write.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.writableFile("--output", output);
        SignalCatalog catalog = SignalCatalog.defaults();
        if ((deriveHeartRate == null) == columns.isEmpty()) {
            throw new UserException("give either --column COLUMN=SIGNAL (repeatable) or --derive-heart-rate "
                + "ECG_COLUMN=SIGNAL");
        }
        if (deriveHeartRate != null) {
            return derive(catalog);
        }
        columns.values().forEach(catalog::spec);
        WideCsvOptions options = new WideCsvOptions(timeColumn, TimeUnitOption.parse(timeUnit), origin, columns,
            patientId);
        List<Reading> readings = ReadingsCsv.readWide(input, options, catalog);
        ReadingsCsv.writeLong(output, readings);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %d readings to %s%n", readings.size(), output);
        SeriesBuilder.group(readings).forEach((key, group) -> out.printf("  %s: %d readings%n", key, group.size()));
        return 0;
    }

    private Integer derive(SignalCatalog catalog) {
        if (rateStep.isZero() || rateStep.isNegative()) {
            throw new UserException("--rate-step must be a positive duration, was " + rateStep);
        }
        String[] parts = deriveHeartRate.split("=", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UserException("--derive-heart-rate: expected ECG_COLUMN=SIGNAL, got '" + deriveHeartRate + "'");
        }
        if (!catalog.contains(parts[1])) {
            throw new UserException("--derive-heart-rate: unknown signal '" + parts[1] + "'; known signals are "
                + catalog.names());
        }
        io.vitalcast.data.HeartRateDerivation.Result result = io.vitalcast.data.HeartRateDerivation.derive(input,
            timeColumn, TimeUnitOption.parse(timeUnit), parts[0], parts[1], catalog.spec(parts[1]).unit(), patientId,
            rateStep, origin);
        if (result.readings().isEmpty()) {
            throw new UserException("--derive-heart-rate: found " + result.beats() + " beats in " + parts[0] + " ("
                + String.format(java.util.Locale.ROOT, "%.1f", result.samplingRate()) + " Hz), too few for any "
                + rateStep + " step of heart rate; is it an ECG column? " + output + " not written");
        }
        ReadingsCsv.writeLong(output, result.readings());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(java.util.Locale.ROOT, "%s at %.1f Hz: %d beats; wrote %d of %d %s steps (%s) to %s%n", parts[0],
            result.samplingRate(), result.beats(), result.readings().size(), result.steps(), rateStep, parts[1],
            output);
        return 0;
    }
}
