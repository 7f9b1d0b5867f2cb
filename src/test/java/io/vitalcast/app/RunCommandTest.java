package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldFailWithOneLineNamingABadSetting() {
        int exit = run("run", "--bootstrap-servers", "localhost:1", "--set", "vitalcast.alert.sustain.steps=abc");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vitalcast: vitalcast.alert.sustain.steps: expected an "
            + "integer >= 1, got 'abc' (command line --set)");
    }

    @Test
    void shouldValidateTheMetricsPortOption() {
        int exit = run("run", "--bootstrap-servers", "localhost:1", "--metrics-port", "http");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("vitalcast.metrics.port: expected an integer from 0 to 65535, got "
            + "'http' (command line --metrics-port)").doesNotContain("\tat ");
    }

    @Test
    void shouldFailInOneLineNamingTheServersWhenKafkaDoesNotAnswerInTime() {
        int exit = run("run", "--bootstrap-servers", "127.0.0.1:1", "--metrics-port", "0",
            "--set", "vitalcast.kafka.connect.timeout=2s");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vitalcast: Kafka at 127.0.0.1:1: did not answer within 2 s "
            + "(vitalcast.kafka.connect.timeout)");
    }

    @Test
    void shouldRejectConflictingOptions() {
        int exit = run("run", "--bootstrap-servers", "a:1", "--set", "bootstrap.servers=b:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("bootstrap.servers: given twice");
    }

    @Test
    void shouldRejectAMissingConfigFile() {
        int exit = run("run", "--bootstrap-servers", "a:1", "--config", "/nonexistent/vitalcast.properties");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("vitalcast: --config: cannot read /nonexistent/vitalcast.properties");
    }

    @Test
    void shouldDescribeExceptionsWithoutTheirMessages() {
        String described = StreamsRunner.describe(new IllegalStateException("patient p-017",
            new NumberFormatException("p-017")));

        assertThat(described).startsWith("java.lang.IllegalStateException caused by java.lang.NumberFormatException")
            .doesNotContain("p-017");
    }
}
