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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CrossRecordsCommandTest {
    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static List<Reading> heartRate(String patient, long seed, double level) {
        Well19937c random = new Well19937c(seed);
        List<Reading> list = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (int s = 0; s < 400; s++) {
            double value = level + 6 * Math.sin(2 * Math.PI * s / 30) + random.nextGaussian();
            list.add(new Reading(start.plusSeconds(s), patient, "heart_rate", value, "bpm"));
        }
        return list;
    }

    private Path records(int count) throws Exception {
        Path directory = Files.createDirectory(temp.resolve("records"));
        for (int i = 0; i < count; i++) {
            ReadingsCsv.writeLong(directory.resolve("r" + i + ".csv"), heartRate("p-" + i, i, 70 + 5 * i));
        }
        return directory;
    }

    private int run(String... args) {
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldScoreEveryRecordHeldOutAgainstTheBestBaselineAndWriteTheTable() throws Exception {
        Path directory = records(3);
        Path csv = temp.resolve("cross.csv");

        int exit = run("experiment", "cross-records", "--signal", "heart_rate", "--input", directory.toString(),
            "--window", "20", "--horizon", "4", "--hidden", "6", "--epochs", "2", "--csv", csv.toString(), "--tuning-records", "r0");

        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("3 records of heart_rate in 3 folds").contains("fold 3/3: 1 training and 1 validation records");
        for (int i = 0; i < 3; i++) {
            assertThat(text).containsPattern("r" + i + "\\.csv:p-" + i + " +h4 +\\d+ points +model RMSE");
        }
        assertThat(text).contains("Over all 3 held-out records").contains("Over 1 records that chose settings (r0)")
            .contains("Over 2 records that did not").contains("own direct_ar")
            .contains("population direct_ar").contains("DEVIATION alerts opened per hour, mean over records");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 3 * 4);
        assertThat(lines.get(1)).startsWith("r0.csv:p-0,1,1,");
    }

    @Test
    void shouldHoldOutOnlyTheRecordsToScoreAndTrainOnAllTheOthers() throws Exception {
        Path directory = records(4);

        int exit = run("experiment", "cross-records", "--signal", "heart_rate", "--input", directory.toString(),
            "--window", "20", "--horizon", "4", "--hidden", "6", "--epochs", "2", "--score-only", "r[13]");

        assertThat(exit).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("fold 2/4: 2 training and 1 validation records")
            .contains("fold 4/4: 2 training and 1 validation records").contains("Over all 2 held-out records")
            .doesNotContain("fold 1/4").doesNotContain("fold 3/4");
        assertThat(text).containsPattern("r1\\.csv:p-1 +h4").containsPattern("r3\\.csv:p-3 +h4")
            .doesNotContainPattern("r0\\.csv:p-0 +h4");
        assertThat(run("experiment", "cross-records", "--signal", "heart_rate", "--input", directory.toString(),
            "--score-only", "nobody")).isEqualTo(2);
        assertThat(err.toString()).contains("--score-only nobody matches none of the 4 records");
    }

    @Test
    void shouldRefuseFewerThanThreeRecordsInOneLine() throws Exception {
        Path directory = records(2);

        int exit = run("experiment", "cross-records", "--signal", "heart_rate", "--input", directory.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("vitalcast: cross-records needs at least 3 records (a file and "
            + "patient each), to train on two and hold one out; the input has 2");
    }
}
