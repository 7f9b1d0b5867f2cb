package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.modelfile.ModelFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ExceptionReporterTest {
    private static final String MODEL = "src/test/resources/io/vitalcast/streaming/heart_rate-window.json";

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path readings;

    /** Stands in for a command whose library code throws. */
    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        private final Exception exception;

        Failing(Exception exception) {
            this.exception = exception;
        }

        @Override
        public Integer call() throws Exception {
            throw exception;
        }
    }

    @BeforeEach
    void writeReadings() {
        List<Reading> list = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int s = 0; s < 120; s++) {
            list.add(new Reading(start.plusSeconds(s), "p-1", "heart_rate", 70 + s % 7, "bpm"));
        }
        readings = temp.resolve("readings.csv");
        ReadingsCsv.writeLong(readings, list);
    }

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int run(String... args) {
        return run(VitalcastCommand.commandLine(), args);
    }

    private int runFailing(Exception exception) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.addSubcommand("fail", new Failing(exception));
        return run(cli, "fail");
    }

    @Test
    void shouldPrintOneLineAndExit2ForAnInvalidOptionValue() {
        int exit = run("evaluate", "--model", MODEL, "--input", readings.toString(), "--ar-order", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("vitalcast: --ar-order must be at least 1, was 0");
    }

    @Test
    void shouldPrintOneLineAndExit2ForASettingRejectedDeepInTheTrainingCode() {
        int exit = run("train", "--input", readings.toString(), "--signal", "heart_rate", "--epochs", "0",
            "--output", temp.resolve("hr.json").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("vitalcast: epochs must be at least 1, was 0");
    }

    @Test
    void shouldReportAnIllegalArgumentExceptionFromLibraryCodeAsABugWithItsStackTrace() {
        int exit = runFailing(new IllegalArgumentException("expected 3 input features, got 2"));

        assertThat(exit).isNotEqualTo(2).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).startsWith("vitalcast: internal error (a bug in Vitalcast")
            .contains("java.lang.IllegalArgumentException: expected 3 input features, got 2")
            .contains("\tat io.vitalcast.app.ExceptionReporterTest");
    }

    @Test
    void shouldReportAJsonProcessingExceptionAsABugThoughItIsAnIoException() {
        int exit = runFailing(JsonMappingException.from((com.fasterxml.jackson.core.JsonParser) null,
            "cannot serialize the report"));

        assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("internal error", "cannot serialize the report", "\tat ");
    }

    @Test
    void shouldPrintOneLineNamingTheFileOfAnIoFailure() {
        int exit = runFailing(new NoSuchFileException("reports/metrics.json"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("vitalcast: reports/metrics.json: no such file or directory");
    }

    @Test
    void shouldNameTheFileOfAnUncheckedIoFailureToo() {
        int exit = runFailing(new UncheckedIOException(new AccessDeniedException("/var/lib/vitalcast")));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly("vitalcast: /var/lib/vitalcast: permission denied");
    }

    @Test
    void shouldKeepAUserErrorOnOneLineWhenItsMessageSpansLines() {
        int exit = runFailing(new ModelFileException("models/hr.json: invalid model:\n  missing field 'name'"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines())
            .containsExactly("vitalcast: models/hr.json: invalid model: missing field 'name'");
    }
}
