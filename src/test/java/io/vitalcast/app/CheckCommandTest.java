package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int check(String... args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    @Test
    void shouldListTheModelEachSignalWillUseAndPassWithTheShippedConfiguration() {
        int exit = check("--config", "samples/vitalcast.properties", "--bootstrap-servers", "kafka:9092",
            "--models", "samples/models");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("heart_rate: samples/models/heart_rate.json, STATEFUL_LSTM",
            "sha256 ", "trained on mimic-s00001_numerics_1min.csv", "rr_interval: no model file, baseline "
                + "sinus-rhythm", "bootstrap.servers = kafka:9092  (command line --bootstrap-servers)",
            "OK: run would start");
    }

    @Test
    void shouldWarnWithoutModelsAndFailWhenTheyAreRequired() {
        int warned = check("--bootstrap-servers", "kafka:9092", "--models", temp.resolve("missing").toString());
        String warning = out.toString();
        int failed = check("--bootstrap-servers", "kafka:9092", "--models", temp.toString(),
            "--set", "vitalcast.models.required=true");

        assertThat(warned).isZero();
        assertThat(warning).contains("WARNING: vitalcast.models.dir: " + temp.resolve("missing")
            + " does not exist; every signal runs its baseline");
        assertThat(failed).isEqualTo(1);
        assertThat(out.toString()).contains("ERROR: vitalcast.models.dir: " + temp + " holds no model file",
            "FAILED: 1 problem(s)");
    }

    @Test
    void shouldFailNamingAModelFileThatCannotBeRead() throws Exception {
        Files.writeString(temp.resolve("heart_rate.json"), "{\"not\": \"a model\"}");

        int exit = check("--bootstrap-servers", "kafka:9092", "--models", temp.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("ERROR: ", temp.resolve("heart_rate.json").toString());
    }

    @Test
    void shouldHideSecretsAndWatchedPatientIds() {
        check("--bootstrap-servers", "kafka:9092", "--models", "samples/models",
            "--set", "sasl.jaas.config=user=\"u\" password=\"s3cret\"",
            "--set", "vitalcast.metrics.watched.patients=p-017,p-018");

        assertThat(out.toString()).doesNotContain("s3cret", "p-017").contains("[2 patient ids hidden]");
    }

    @Test
    void shouldFailInOneLineOnABadSetting() {
        int exit = check("--bootstrap-servers", "kafka:9092", "--set", "vitalcast.processing.errors=ignore");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("vitalcast: vitalcast.processing.errors: expected reject or fail");
    }
}
