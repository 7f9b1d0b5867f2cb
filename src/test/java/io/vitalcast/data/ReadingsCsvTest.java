package io.vitalcast.data;

import static io.vitalcast.data.TestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingsCsvTest {
    private static final Instant ORIGIN = WideCsvOptions.DEFAULT_ORIGIN;

    @TempDir
    Path temp;

    @Test
    void shouldReadLongFormatWithIsoAndEpochMillisTimestamps() {
        List<Reading> readings = ReadingsCsv.readLong(resource("readings_long.csv"));

        assertThat(readings).hasSize(5);
        assertThat(readings.get(0)).isEqualTo(new Reading(ORIGIN, "p1", "heart_rate", 80, "bpm"));
        assertThat(readings.get(2)).isEqualTo(new Reading(ORIGIN.plusSeconds(240), "p1", "spo2", 97, "%"));
        assertThat(readings.get(3).value()).isNaN();
        assertThat(readings.get(4).value()).isZero();
    }

    @Test
    void shouldTreatBlankValuesAsMissingNotAsReadings() {
        List<Reading> readings = ReadingsCsv.readLong(resource("readings_long.csv"));

        assertThat(readings).noneMatch(r -> r.timestamp().equals(ORIGIN.plusSeconds(120)));
    }

    @Test
    void shouldReadWideFormatWithOneReadingPerNonBlankCell() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("HR_bpm", "heart_rate");
        columns.put("SpO2_pct", "spo2");
        columns.put("NBPMean_mmHg", "abp_mean");
        WideCsvOptions options = new WideCsvOptions("elapsed_s", TimeUnitOption.SECONDS, columns, "mimic-s00001");

        List<Reading> readings = ReadingsCsv.readWide(resource("s00001_numerics_first20min.csv"), options);

        assertThat(readings).hasSize(20 + 20 + 1);
        assertThat(readings.get(0)).isEqualTo(new Reading(ORIGIN, "mimic-s00001", "heart_rate", 0.0, "bpm"));
        assertThat(readings).filteredOn(r -> r.signal().equals("abp_mean"))
            .containsExactly(new Reading(ORIGIN.plusSeconds(840), "mimic-s00001", "abp_mean", 89.0, "mmHg"));
    }

    @Test
    void shouldHonourTimeUnitAndOrigin() {
        Instant origin = Instant.parse("2020-05-01T12:00:00Z");
        WideCsvOptions options = new WideCsvOptions("minute", TimeUnitOption.MINUTES, origin,
            Map.of("RESP_pm", "resp_rate"), "p");

        List<Reading> readings = ReadingsCsv.readWide(resource("s00001_numerics_first20min.csv"), options);

        assertThat(readings.get(3).timestamp()).isEqualTo(origin.plusSeconds(180));
        assertThat(readings.get(3).value()).isEqualTo(14.6);
    }

    @Test
    void shouldSkipLeadingBlankCellsInPhysioNetHeartRate() {
        WideCsvOptions options = new WideCsvOptions("time_s", TimeUnitOption.SECONDS,
            Map.of("hr_bpm", "heart_rate"), "mitdb-100");

        List<Reading> readings = ReadingsCsv.readWide(resource("mitdb100_hr_first10s.csv"), options);

        assertThat(readings).hasSize(8);
        assertThat(readings.get(0).timestamp()).isEqualTo(ORIGIN.plusSeconds(2));
        assertThat(readings.get(0).value()).isEqualTo(74.40);
    }

    @Test
    void shouldRoundTripTheLongFormat() {
        List<Reading> readings = List.of(new Reading(ORIGIN, "a,b", "heart_rate", 71.25, "bpm"),
            new Reading(ORIGIN.plusMillis(1500), "p", "rr_interval", 0.8139, null));
        Path file = temp.resolve("out/readings.csv");

        ReadingsCsv.writeLong(file, readings);

        assertThat(ReadingsCsv.readLong(file)).isEqualTo(readings);
    }

    @Test
    void shouldNameFileAndColumnsWhenAColumnIsMissing() {
        WideCsvOptions options = new WideCsvOptions("time_s", TimeUnitOption.SECONDS, Map.of("hr", "heart_rate"), "p");
        Path file = resource("mitdb100_hr_first10s.csv");

        assertThatThrownBy(() -> ReadingsCsv.readWide(file, options))
            .isInstanceOf(DataException.class)
            .hasMessage(file + ": no column 'hr'; columns are time_s, hr_bpm, hr_bpm_last, beats_in_second, "
                + "abnormal_beats_in_second, rhythm");
    }

    @Test
    void shouldRejectLongFileWithoutValueColumn() {
        assertThatThrownBy(() -> ReadingsCsv.readLong(resource("readings_long_no_value.csv")))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("readings_long_no_value.csv: no column 'value'");
    }

    @Test
    void shouldRejectMissingFile() {
        Path file = temp.resolve("absent.csv");

        assertThatThrownBy(() -> ReadingsCsv.readLong(file))
            .isInstanceOf(DataException.class)
            .hasMessage(file + ": no such file");
    }

    @Test
    void shouldRejectFileWithoutReadings() {
        assertThatThrownBy(() -> ReadingsCsv.readLong(resource("readings_long_header_only.csv")))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("readings_long_header_only.csv: no readings");
    }

    @Test
    void shouldRejectEmptyFile() throws Exception {
        Path file = Files.writeString(temp.resolve("empty.csv"), "");

        assertThatThrownBy(() -> ReadingsCsv.readLong(file))
            .isInstanceOf(DataException.class)
            .hasMessage(file + ": empty file, expected a header row");
    }

    @Test
    void shouldRejectMalformedTimestampWithLineNumber() {
        assertThatThrownBy(() -> ReadingsCsv.readLong(resource("readings_long_bad_timestamp.csv")))
            .isInstanceOf(DataException.class)
            .hasMessageContaining("readings_long_bad_timestamp.csv:3: timestamp 'yesterday'");
    }

    @Test
    void shouldRejectValueThatIsNotANumber() throws Exception {
        Path file = Files.writeString(temp.resolve("wide.csv"), "t,hr\n0,80\n1,eighty\n");
        WideCsvOptions options = new WideCsvOptions("t", TimeUnitOption.SECONDS, Map.of("hr", "heart_rate"), "p");

        assertThatThrownBy(() -> ReadingsCsv.readWide(file, options))
            .isInstanceOf(DataException.class)
            .hasMessage(file + ":3: value 'eighty' in column 'hr' is not a number");
    }

    @Test
    void shouldRejectRowWithWrongNumberOfCells() throws Exception {
        Path file = Files.writeString(temp.resolve("wide.csv"), "t,hr\n0,80,1\n");
        WideCsvOptions options = new WideCsvOptions("t", TimeUnitOption.SECONDS, Map.of("hr", "heart_rate"), "p");

        assertThatThrownBy(() -> ReadingsCsv.readWide(file, options))
            .isInstanceOf(DataException.class)
            .hasMessage(file + ":2: expected 2 cells, found 3");
    }

    @Test
    void shouldParseTimeUnitSymbols() {
        assertThat(TimeUnitOption.parse("s")).isEqualTo(TimeUnitOption.SECONDS);
        assertThat(TimeUnitOption.parse("ms")).isEqualTo(TimeUnitOption.MILLISECONDS);
        assertThat(TimeUnitOption.parse("min")).isEqualTo(TimeUnitOption.MINUTES);
        assertThat(TimeUnitOption.parse("ISO")).isEqualTo(TimeUnitOption.ISO);
        assertThatThrownBy(() -> TimeUnitOption.parse("h")).hasMessageContaining("'h'");
    }
}
