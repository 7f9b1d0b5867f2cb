package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainPopulationCommandTest {
    @TempDir
    Path temp;

    private StringWriter out;
    private StringWriter err;
    private Path records;

    private static List<Reading> heartRate(String patient, long seed, double period) {
        Well19937c random = new Well19937c(seed);
        List<Reading> list = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int s = 0; s < 500; s++) {
            double value = 72 + 6 * Math.sin(2 * Math.PI * s / period) + random.nextGaussian();
            list.add(new Reading(start.plusSeconds(s), patient, "heart_rate", value, "bpm"));
        }
        return list;
    }

    @BeforeEach
    void writeRecords() throws Exception {
        records = Files.createDirectory(temp.resolve("records"));
        ReadingsCsv.writeLong(records.resolve("a.csv"), heartRate("p-1", 1L, 30));
        ReadingsCsv.writeLong(records.resolve("b.csv"), heartRate("p-2", 2L, 34));
        ReadingsCsv.writeLong(records.resolve("c.csv"), heartRate("p-3", 3L, 27));
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] train(Path model, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--signal", "heart_rate", "--window", "20", "--horizon",
            "5", "--hidden", "8", "--epochs", "4", "--allow-base-only", "--output", model.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void shouldTrainOneModelOnADirectoryOfRecordsAndReportItOnTheHeldOutOne() {
        Path model = temp.resolve("hr.json");

        int exit = run(train(model, "--input", records.toString()));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(model).exists();
        assertThat(out.toString())
            .contains("Holding out 1 of 3 records for validation: c.csv:p-3; training on a.csv:p-1, b.csv:p-2")
            .contains("no test part: evaluate the model on other records")
            .contains("Validation RMSE (bpm) on each held-out record at steps 1/2/5:");
        assertThat(out.toString().lines().filter(line -> line.strip().startsWith("c.csv:p-3 ")).toList())
            .singleElement().satisfies(row -> assertThat(row.strip().split("\\s+")).hasSize(2 + 3 * 3));
    }

    @Test
    void shouldHoldOutTheNamedRecordsOfSeveralInputsForEitherKind() {
        Path model = temp.resolve("hr.json");

        int exit = run(train(model, "--kind", "window", "--input", records.resolve("a.csv").toString(), "--input",
            records + "/[bc].csv", "--validation-record", "p-1", "--validation-record", "b.csv"));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
            .contains("Holding out 2 of 3 records for validation: a.csv:p-1, b.csv:p-2; training on c.csv:p-3");
        assertThat(out.toString().lines().filter(line -> line.strip().matches("[ab]\\.csv:p-\\d .*"))).hasSize(2);
    }

    @Test
    void shouldEvaluateOnSeveralRecordsEachAgainstItsOwnBestBaselineAndPooled() {
        Path model = temp.resolve("hr.json");
        assertThat(run(train(model, "--input", records.resolve("a.csv").toString(), "--input",
            records.resolve("b.csv").toString()))).as(err.toString()).isZero();

        int exit = run("evaluate", "--model", model.toString(), "--input", records.toString());

        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("Per record (its baselines fitted on its own training part")
            .contains("Pooled over the 3 records");
        assertThat(text.lines().filter(line -> line.matches("[abc]\\.csv:p-\\d +\\d+ .*%"))).hasSize(3);
        assertThat(text).contains("Through the stream, as run meets a new patient").contains("Over 3 records")
            .contains("own direct_ar");
        assertThat(text.lines().filter(line -> line.matches(" +[abc]\\.csv:p-\\d +h5 +\\d+ points +model RMSE .*")))
            .hasSize(3);
    }

    @Test
    void shouldScoreThroughTheStreamWithTheOnlineAdaptationTheConfigurationSets() throws Exception {
        Path model = temp.resolve("hr.json");
        assertThat(run(train(model, "--input", records.resolve("a.csv").toString(), "--input",
            records.resolve("b.csv").toString()))).as(err.toString()).isZero();
        Path off = temp.resolve("off.properties");
        Files.writeString(off, "vitalcast.forecasts.adaptation=off\n");
        String c = records.resolve("c.csv").toString();

        assertThat(run("evaluate", "--model", model.toString(), "--input", c)).as(err.toString()).isZero();
        List<String> adapted = streamLines(out.toString());
        assertThat(run("evaluate", "--model", model.toString(), "--input", c, "--config", off.toString()))
            .as(err.toString()).isZero();
        List<String> population = streamLines(out.toString());

        assertThat(adapted).hasSize(4);
        assertThat(population).hasSize(4).isNotEqualTo(adapted);
    }

    private static List<String> streamLines(String text) {
        return text.lines().filter(line -> line.startsWith("  c.csv:p-3 ")).toList();
    }

    @Test
    void shouldFailInOneLineWhenTheRecordHoldOutCannotBeMadeOrAnInputIsMissing() {
        Path model = temp.resolve("hr.json");
        String a = records.resolve("a.csv").toString();
        String b = records.resolve("b.csv").toString();
        String[][] commands = {
            train(model, "--input", a, "--input", b, "--holdout-records", "2"),
            train(model, "--input", a, "--holdout-records", "1"),
            train(model, "--input", a, "--input", temp.resolve("nowhere").toString()),
        };
        String[] expected = {
            "--holdout-records 2: the input has 2 records, so 1 to 1 can be held out",
            "a record hold-out needs at least 2 records (a file and patient each); the input has 1",
            temp.resolve("nowhere") + ": no such file",
        };
        for (int i = 0; i < commands.length; i++) {
            assertThat(run(commands[i])).isEqualTo(2);
            assertThat(err.toString().strip()).contains(expected[i]).doesNotContain("\n").doesNotContain("\tat ");
        }
        assertThat(model).doesNotExist();
    }
}
