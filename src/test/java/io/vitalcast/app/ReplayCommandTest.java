package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ReplayCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static String sample() throws Exception {
        return Path.of(ReplayCommandTest.class.getResource("/io/vitalcast/data/readings_long.csv").toURI())
            .toString();
    }

    @Test
    void shouldExplainAMissingFileInOneLine() {
        assertThat(run("replay", "--input", "no/such.csv")).isEqualTo(2);
        assertThat(err.toString()).startsWith("vitalcast: no/such.csv: no such file").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseConflictingPatientOptionsBeforeConnecting() throws Exception {
        assertThat(run("replay", "--input", sample(), "--as-patient", "x", "--patient-map", "a=b")).isEqualTo(2);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void shouldRefuseAnUnknownTimeline() throws Exception {
        assertThat(run("replay", "--input", sample(), "--start", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--start");
    }

    @Test
    void shouldRefuseANegativeSpeed() throws Exception {
        assertThat(run("replay", "--input", sample(), "--speed", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("speed");
    }
}
