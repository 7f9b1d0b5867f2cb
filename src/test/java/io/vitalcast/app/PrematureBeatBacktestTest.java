package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Premature-beat detection on the RR intervals of the labelled MIT-BIH beat files, through the {@code backtest}
 * command with the production configuration (the sinus-rhythm reference and the built-in RR policy): at least as good
 * as the recent-median rule where it is strong (isolated ectopic beats in sinus rhythm), and better where it is weak
 * (bigeminy, built from the same record by {@code experiment rhythm-stress}).
 */
class PrematureBeatBacktestTest {
    @TempDir
    Path dir;

    private static int run(String... args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private JsonNode backtest(Path input, String report) throws Exception {
        Path out = dir.resolve(report);
        assertThat(run("backtest", "--input", input.toString(), "--time-column", "time_s", "--column",
            "rr_s=rr_interval", "--patient", "p", "--signal", "rr_interval", "--label-column", "is_abnormal",
            "--report", out.toString())).isZero();
        return new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "105"})
    void shouldFlagIsolatedEctopicBeatsAtLeastAsWellAsTheRecentMedianRule(String record) throws Exception {
        JsonNode metrics = backtest(Path.of("samples/mitdb/" + record + "_beats_rr.csv"), record);

        assertThat(metrics.get("vitalcast").get("f1").asDouble()).isGreaterThanOrEqualTo(0.97)
            .isGreaterThanOrEqualTo(metrics.get("baseline_rule").get("f1").asDouble());
    }

    @Test
    void shouldKeepFlaggingEctopicBeatsInBigeminyWithFewerFalseAlarmsThanTheRule() throws Exception {
        assertThat(run("experiment", "rhythm-stress", "--input", "samples/mitdb/100_beats_rr.csv", "--output-dir",
            dir.toString())).isZero();

        JsonNode metrics = backtest(dir.resolve("100_beats_rr_bigeminy.csv"), "bigeminy");

        JsonNode vitalcast = metrics.get("vitalcast");
        JsonNode rule = metrics.get("baseline_rule");
        assertThat(vitalcast.get("recall").asDouble()).isGreaterThanOrEqualTo(0.99);
        assertThat(vitalcast.get("f1").asDouble()).isGreaterThan(rule.get("f1").asDouble());
        assertThat(vitalcast.get("false_alarms_per_hour").asDouble())
            .isLessThan(rule.get("false_alarms_per_hour").asDouble());
    }
}
