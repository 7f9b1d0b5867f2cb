package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConvertCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String numerics() throws URISyntaxException {
        return Path.of(ConvertCommandTest.class.getResource("/io/vitalcast/data/s00001_numerics_first20min.csv")
            .toURI()).toString();
    }

    @Test
    void shouldConvertWideNumericsToLongReadingsKeepingSensorOffZeros() throws Exception {
        Path output = temp.resolve("samples/s00001.csv");

        int exit = run("convert", "--input", numerics(), "--time-column", "elapsed_s", "--time-unit", "s",
            "--column", "HR_bpm=heart_rate", "--column", "SpO2_pct=spo2", "--patient", "mimic-s00001",
            "--origin", "2010-01-01T00:00:00Z", "--output", output.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<Reading> readings = ReadingsCsv.readLong(output);
        assertThat(readings).hasSize(40);
        assertThat(readings.get(0)).isEqualTo(new Reading(Instant.parse("2010-01-01T00:00:00Z"), "mimic-s00001",
            "heart_rate", 0.0, "bpm"));
        assertThat(readings.get(1).signal()).isEqualTo("spo2");
        assertThat(out.toString()).contains("wrote 40 readings", "mimic-s00001/spo2: 20 readings");
    }

    @Test
    void shouldFailWithOneLineNamingAMissingColumn() throws Exception {
        int exit = run("convert", "--input", numerics(), "--time-column", "time_s", "--column", "HR_bpm=heart_rate",
            "--patient", "p", "--output", temp.resolve("x.csv").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("vitalcast: ").contains("no column 'time_s'")
            .doesNotContain("\n");
    }

    @Test
    void shouldRejectAnUnknownSignal() throws Exception {
        int exit = run("convert", "--input", numerics(), "--time-column", "elapsed_s", "--column", "HR_bpm=hr",
            "--patient", "p", "--output", temp.resolve("x.csv").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("unknown signal 'hr'");
    }

    @Test
    void shouldFailWhenDerivingHeartRateFromAColumnWithoutBeats() throws Exception {
        Path output = temp.resolve("hr.csv");

        int exit = run("convert", "--input", numerics(), "--time-column", "elapsed_s", "--time-unit", "s",
            "--derive-heart-rate", "SpO2_pct=ecg_heart_rate", "--patient", "p", "--output", output.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("vitalcast: --derive-heart-rate: found ")
            .contains("is it an ECG column?").doesNotContain("\n");
        assertThat(output).doesNotExist();
    }

    @Test
    void shouldFailInOneLineNamingTheOutputWhenItCannotBeWritten() throws Exception {
        Path file = java.nio.file.Files.writeString(temp.resolve("a-file"), "x");

        int exit = run("convert", "--input", numerics(), "--time-column", "elapsed_s", "--column",
            "HR_bpm=heart_rate", "--patient", "p", "--output", file.resolve("x.csv").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vitalcast: --output: cannot write " + file.resolve("x.csv")
            + ": " + file + " is a file, not a directory");
    }
}
