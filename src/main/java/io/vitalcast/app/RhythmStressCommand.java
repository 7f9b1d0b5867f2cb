package io.vitalcast.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.vitalcast.backtest.RhythmStress;
import io.vitalcast.errors.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the labelled stress rhythms of {@link RhythmStress} built from a beat-to-beat recording. */
@Command(name = "rhythm-stress", mixinStandardHelpOptions = true,
    description = {"Writes labelled stress rhythms built from a real beat file (respiratory sinus arrhythmia, "
        + "bigeminy, trigeminy and runs of ectopic beats), to backtest RR-interval alerting where a recent-median "
        + "rule is weak."})
final class RhythmStressCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "Beat CSV with a time, an RR interval and a label column.")
    Path input;
    @Option(names = "--output-dir", required = true, description = "Directory for <input>_<variant>.csv files.")
    Path outputDir;
    @Option(names = "--time-column", defaultValue = "time_s", description = "Beat time in seconds (default ${DEFAULT-VALUE}).")
    String timeColumn;
    @Option(names = "--rr-column", defaultValue = "rr_s", description = "RR interval in seconds (default ${DEFAULT-VALUE}).")
    String rrColumn;
    @Option(names = "--label-column", defaultValue = "is_abnormal", description = "1 for an abnormal beat (default ${DEFAULT-VALUE}).")
    String labelColumn;
    @Option(names = "--seed", defaultValue = "7", description = "Seed of the jitter (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RhythmStress.Beats beats = read();
        Files.createDirectories(outputDir);
        String stem = input.getFileName().toString().replaceFirst("\\.csv$", "");
        PrintWriter out = spec.commandLine().getOut();
        for (RhythmStress.Variant variant : RhythmStress.Variant.values()) {
            RhythmStress.Beats stressed = RhythmStress.apply(beats, variant, seed);
            Path file = outputDir.resolve(stem + "_" + variant.fileName() + ".csv");
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writer.write("time_s,rr_s,is_abnormal\n");
                for (int i = 0; i < stressed.rrS().length; i++) {
                    writer.write(String.format(Locale.ROOT, "%.4f,%.4f,%d%n", stressed.timesS()[i],
                        stressed.rrS()[i], stressed.abnormal()[i]));
                }
            }
            out.printf(Locale.ROOT, "%s: %d beats, %d abnormal -> %s%n", variant.fileName(), stressed.rrS().length,
                Arrays.stream(stressed.abnormal()).sum(), file);
        }
        out.flush();
        return 0;
    }

    private RhythmStress.Beats read() throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                throw new UserException(input + " is empty");
            }
            List<String> columns = Arrays.asList(header.trim().split(","));
            int time = column(columns, timeColumn);
            int rr = column(columns, rrColumn);
            int label = column(columns, labelColumn);
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",", -1);
                if (cells.length <= Math.max(time, Math.max(rr, label)) || cells[rr].isBlank()) {
                    continue;
                }
                try {
                    rows.add(new double[] {Double.parseDouble(cells[time]), Double.parseDouble(cells[rr]),
                        Double.parseDouble(cells[label])});
                } catch (NumberFormatException e) {
                    throw new UserException(input + ": not a number in line '" + line + "'");
                }
            }
        }
        if (rows.size() < 200) {
            throw new UserException(input + " has " + rows.size() + " beats with an interval; at least 200 needed");
        }
        return new RhythmStress.Beats(rows.stream().mapToDouble(r -> r[0]).toArray(),
            rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToInt(r -> (int) r[2]).toArray());
    }

    private int column(List<String> columns, String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new UserException(input + " has no column '" + name + "' (columns: " + columns + ")");
        }
        return index;
    }
}
