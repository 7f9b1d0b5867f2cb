package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.errors.UserException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputGroupsTest {
    @TempDir
    Path temp;

    private Path data;

    private static List<Reading> heartRate(String... patients) {
        List<Reading> readings = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        for (String patient : patients) {
            for (int s = 0; s < 60; s++) {
                readings.add(new Reading(start.plusSeconds(s), patient, "heart_rate", 70 + s % 5, "bpm"));
            }
        }
        return readings;
    }

    private static InputOptions inputs(Object... values) {
        InputOptions options = new InputOptions();
        for (Object value : values) {
            options.input.add(value.toString());
        }
        return options;
    }

    private static List<String> names(InputOptions options) {
        return options.groups("heart_rate", SignalCatalog.defaults()).stream().map(SeriesGroup::name).toList();
    }

    @BeforeEach
    void writeRecords() throws Exception {
        data = Files.createDirectory(temp.resolve("data"));
        ReadingsCsv.writeLong(data.resolve("b.csv"), heartRate("p-2"));
        ReadingsCsv.writeLong(data.resolve("a.csv"), heartRate("p-1", "p-3"));
        Files.writeString(data.resolve("notes.txt"), "not a recording");
    }

    @Test
    void shouldMakeOneGroupPerFileAndPatientInTheOrderTheFilesAreGiven() {
        assertThat(names(inputs(data.resolve("b.csv"), data.resolve("a.csv"))))
            .containsExactly("b.csv:p-2", "a.csv:p-1", "a.csv:p-3");
    }

    @Test
    void shouldReadADirectorysCsvFilesSortedByName() {
        assertThat(names(inputs(data))).containsExactly("a.csv:p-1", "a.csv:p-3", "b.csv:p-2");
    }

    @Test
    void shouldReadTheFilesAGlobMatchesSortedAndEachFileOnceWhenNamedTwice() {
        assertThat(names(inputs(data + "/*.csv", data.resolve("a.csv"))))
            .containsExactly("a.csv:p-1", "a.csv:p-3", "b.csv:p-2");
        assertThat(names(inputs(data + "/?.csv"))).hasSize(3);
        assertThat(names(inputs(temp + "/**/b.csv"))).containsExactly("b.csv:p-2");
    }

    @Test
    void shouldKeepOnlyTheGivenPatientOfEachFile() {
        InputOptions options = inputs(data);
        options.patient = "p-3";

        assertThat(names(options)).containsExactly("a.csv:p-3");
    }

    @Test
    void shouldFailInOneLineNamingAMissingPathAnEmptyDirectoryOrAGlobWithoutMatches() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Path missing = temp.resolve("missing.csv");

        assertThatThrownBy(() -> names(inputs(data, missing))).isInstanceOf(UserException.class)
            .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> names(inputs(empty))).isInstanceOf(UserException.class)
            .hasMessage(empty + ": no .csv file in this directory");
        assertThatThrownBy(() -> names(inputs(data + "/*.tsv"))).isInstanceOf(UserException.class)
            .hasMessage(data + "/*.tsv: no file matches this pattern");
    }

    @Test
    void shouldRefuseSeveralFilesToACommandThatReadsOne() {
        assertThatThrownBy(() -> inputs(data).file()).isInstanceOf(UserException.class)
            .hasMessageStartingWith("--input: this command reads one file, given 2");
    }
}
