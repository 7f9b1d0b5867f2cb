package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {
    @TempDir
    Path temp;

    @Test
    void shouldScoreAlertsOfLabelledPrematureBeatsAndWriteTheReport() throws Exception {
        Well19937c random = new Well19937c(3L);
        StringBuilder csv = new StringBuilder("time_s,rr_s,is_abnormal\n");
        double time = 0;
        for (int beat = 0; beat < 600; beat++) {
            boolean premature = beat > 20 && beat % 50 == 0;
            boolean pause = beat > 20 && beat % 50 == 1;
            double rr = premature ? 0.45 : pause ? 1.15 : 0.8 + 0.01 * random.nextGaussian();
            time += rr;
            csv.append(String.format(Locale.ROOT, "%.3f,%.4f,%d%n", time, rr, premature ? 1 : 0));
        }
        Path input = temp.resolve("beats.csv");
        Files.writeString(input, csv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("backtest", "--input", input.toString(), "--time-column", "time_s", "--column",
            "rr_s=rr_interval", "--signal", "rr_interval", "--label-column", "is_abnormal", "--report",
            temp.resolve("report").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("vitalcast", "baseline_rule");
        JsonNode metrics = new ObjectMapper().readTree(temp.resolve("report/metrics.json").toFile());
        for (String key : new String[] {"alerts_per_hour", "precision", "recall", "f1", "false_alarms_per_hour",
            "median_delay_s"}) {
            assertThat(metrics.has(key)).as(key).isTrue();
        }
        assertThat(metrics.get("recall").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("baseline_rule").get("f1").asDouble()).isEqualTo(1.0);
        assertThat(temp.resolve("report/backtest.png")).isNotEmptyFile();
    }
}
