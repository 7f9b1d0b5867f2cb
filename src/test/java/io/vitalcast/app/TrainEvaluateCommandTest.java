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
import io.vitalcast.modelfile.ModelFile;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainEvaluateCommandTest {
    @TempDir
    Path temp;

    private StringWriter out;
    private StringWriter err;
    private Path readings;

    @BeforeEach
    void writeReadings() {
        Well19937c random = new Well19937c(9L);
        List<Reading> list = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int s = 0; s < 900; s++) {
            double value = s % 97 == 0 ? 0.0 : 72 + 6 * Math.sin(2 * Math.PI * s / 30) + random.nextGaussian();
            list.add(new Reading(start.plusSeconds(s), "p-1", "heart_rate", value, "bpm"));
        }
        readings = temp.resolve("readings.csv");
        ReadingsCsv.writeLong(readings, list);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldTrainAModelFileAndEvaluateItAgainstEveryBaselineWithAReport() throws Exception {
        Path model = temp.resolve("hr.json");
        Path report = temp.resolve("report");

        int trained = run("train", "--input", readings.toString(), "--signal", "heart_rate", "--window", "20",
            "--horizon", "5", "--hidden", "8", "--epochs", "4", "--output", model.toString());
        assertThat(trained).as(err.toString()).isZero();
        assertThat(out.toString()).contains("SENSOR_OFF=10", "Wrote " + model);
        assertThat(ModelFile.read(model).attributes()).containsEntry("signal", "heart_rate").containsEntry("step",
            "PT1S").containsEntry("kind", "lstm-stateful");

        int evaluated = run("evaluate", "--model", model.toString(), "--input", readings.toString(), "--report",
            report.toString());
        assertThat(evaluated).as(err.toString()).isZero();
        assertThat(out.toString()).contains("lstm", "persistence (baseline)", "moving_average_5 (baseline)",
            "ar_8 (baseline)", "direct_ar_", "holt (baseline)", "holt_per_horizon (baseline)", "coverage",
            "Best baseline at each step (skill is measured against it)");
        assertThat(Files.readString(report.resolve("report.md"))).contains("best baseline |");
        assertThat(Files.readString(report.resolve("metrics.json"))).contains("\"bestBaseline\"");
        assertThat(Files.readString(report.resolve("metrics.json"))).contains("\"lstm\"");
        assertThat(report.resolve("forecast.png")).isNotEmptyFile();
        assertThat(report.resolve("rmse_by_horizon.png")).isNotEmptyFile();
    }

    @Test
    void shouldStillTrainAndEvaluateTheWindowKind() {
        Path model = temp.resolve("hr-window.json");

        int trained = run("train", "--kind", "window", "--input", readings.toString(), "--signal", "heart_rate",
            "--window", "20", "--horizon", "5", "--hidden", "8", "--epochs", "2", "--output", model.toString());
        assertThat(trained).as(err.toString()).isZero();
        assertThat(ModelFile.read(model).attributes()).containsEntry("kind", "lstm-forecaster");

        int evaluated = run("evaluate", "--model", model.toString(), "--input", readings.toString());
        assertThat(evaluated).as(err.toString()).isZero();
        assertThat(out.toString()).contains("lstm", "ar_8 (baseline)");
        assertThat(run("train", "--kind", "wavelet", "--input", readings.toString(), "--signal", "heart_rate",
            "--output", model.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--kind must be stateful or window");
    }

    @Test
    void shouldEndBadInputWithOneLineAndExitCode2() throws Exception {
        Path notAModel = temp.resolve("not-a-model.json");
        Files.writeString(notAModel, "{\"hello\": 1}");
        Path wrongColumns = temp.resolve("wrong.csv");
        Files.writeString(wrongColumns, "a,b\n1,2\n");
        String[][] commands = {
            {"train", "--input", temp.resolve("missing.csv").toString(), "--signal", "heart_rate", "--output", "x"},
            {"train", "--input", wrongColumns.toString(), "--signal", "heart_rate", "--output", "x"},
            {"train", "--input", readings.toString(), "--signal", "glucose", "--output", "x"},
            {"train", "--input", readings.toString(), "--signal", "spo2", "--output", "x"},
            {"evaluate", "--model", notAModel.toString(), "--input", readings.toString()},
            {"train", "--input", readings.toString(), "--signal", "heart_rate", "--output",
                notAModel.resolve("model.json").toString()},
            {"evaluate", "--model", notAModel.toString(), "--input", readings.toString(), "--report",
                notAModel.resolve("report").toString()},
        };
        String[] expected = {"no such file", "no column 'timestamp'", "unknown signal 'glucose'",
            "no readings of signal 'spo2'", "not a Vitalcast model file",
            "--output: cannot write " + notAModel.resolve("model.json") + ": " + notAModel + " is a file",
            "--report: cannot write " + notAModel.resolve("report") + ": " + notAModel + " is a file"};

        for (int i = 0; i < commands.length; i++) {
            assertThat(run(commands[i])).isEqualTo(2);
            assertThat(err.toString().strip()).contains(expected[i]).doesNotContain("\n").doesNotContain("\tat ");
        }
    }

    @Test
    void shouldRefuseToWriteAModelNoEpochOfWhichImprovedOnItsBaseUnlessAllowed() {
        Path model = temp.resolve("base-only.json");
        String[] args = {"train", "--input", readings.toString(), "--signal", "heart_rate", "--window", "20",
            "--horizon", "5", "--hidden", "8", "--epochs", "1", "--learning-rate", "1e-30", "--output",
            model.toString()};

        int refused = run(args);
        String refusal = err.toString();
        boolean writtenAfterRefusal = Files.exists(model);
        List<String> allowedArgs = new ArrayList<>(List.of(args));
        allowedArgs.add("--allow-base-only");
        int allowed = run(allowedArgs.toArray(String[]::new));

        assertThat(refused).isEqualTo(2);
        assertThat(refusal.lines().filter(line -> line.startsWith("vitalcast:")).toList()).singleElement()
            .asString().contains("improved on the model's AR base", "not written", "--allow-base-only");
        assertThat(writtenAfterRefusal).isFalse();
        assertThat(allowed).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no epoch improved on the initial model", "Wrote " + model);
    }

    @Test
    void shouldRefuseToEvaluateAModelOnAnotherSignalOrStepNamingBoth() {
        Path model = temp.resolve("hr.json");
        run("train", "--input", readings.toString(), "--signal", "heart_rate", "--window", "20", "--horizon", "5",
            "--hidden", "8", "--epochs", "2", "--output", model.toString());

        int otherSignal = run("evaluate", "--model", model.toString(), "--input", readings.toString(), "--signal",
            "spo2");
        String signalError = err.toString().strip();
        int otherStep = run("evaluate", "--model", model.toString(), "--input", readings.toString(), "--step",
            "PT2S");
        String stepError = err.toString().strip();

        assertThat(otherSignal).isEqualTo(2);
        assertThat(signalError).doesNotContain("\n").contains("forecasts heart_rate", "--signal spo2");
        assertThat(otherStep).isEqualTo(2);
        assertThat(stepError).doesNotContain("\n").contains("trained at step PT1S", "--step PT2S");
    }
}
