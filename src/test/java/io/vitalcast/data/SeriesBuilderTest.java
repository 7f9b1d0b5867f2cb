package io.vitalcast.data;

import static io.vitalcast.data.TestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitalcast.errors.UserException;
import org.junit.jupiter.api.Test;

class SeriesBuilderTest {
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final SignalSpec HR = SignalCatalog.defaults().spec("heart_rate", MINUTE);

    private static List<Reading> minutes(String signal, double... values) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            readings.add(new Reading(T0.plus(MINUTE.multipliedBy(i)), "p", signal, values[i], null));
        }
        return readings;
    }

    @Test
    void shouldRejectNaNReadings() {
        PreparedSeries series = SeriesBuilder.prepare(minutes("heart_rate", 60, Double.NaN, 62), HR);

        assertThat(series.invalid()).containsEntry(InvalidReason.NOT_FINITE, 1);
        assertThat(series.segments()).hasSize(1);
        assertThat(series.segments().get(0).values()).containsExactly(60, 61, 62);
        assertThat(series.filledSteps()).isEqualTo(1);
    }

    @Test
    void shouldCountEveryInvalidReadingByReason() {
        List<Reading> readings = minutes("heart_rate", 60, 0, 500, Double.POSITIVE_INFINITY, 61);
        readings.add(new Reading(T0, "p", "heart_rate", 70, null));
        readings.add(new Reading(T0.plusSeconds(600), "p", "heart_rate", 70, "mmHg"));

        PreparedSeries series = SeriesBuilder.prepare(readings, HR);

        assertThat(series.readings()).isEqualTo(7);
        assertThat(series.invalid()).containsExactlyInAnyOrderEntriesOf(Map.of(
            InvalidReason.NOT_FINITE, 1, InvalidReason.SENSOR_OFF, 1, InvalidReason.OUT_OF_RANGE, 1,
            InvalidReason.WRONG_UNIT, 1, InvalidReason.DUPLICATE, 1, InvalidReason.FLAT_LINE, 0,
            InvalidReason.IMPOSSIBLE_JUMP, 0, InvalidReason.SATURATION, 0));
        assertThat(series.validReadings()).isEqualTo(2);
        assertThat(series.segments().get(0).value(0)).as("the first reading at a time is used").isEqualTo(60);
    }

    @Test
    void shouldFillShortGapsLinearlyAndCountThem() {
        double nan = Double.NaN;
        PreparedSeries series = SeriesBuilder.prepare(minutes("heart_rate", 60, nan, nan, nan, 68),
            HR.withMaxGapSteps(3));

        assertThat(series.segments()).hasSize(1);
        assertThat(series.segments().get(0).values()).containsExactly(60, 62, 64, 66, 68);
        assertThat(series.filledSteps()).isEqualTo(3);
        assertThat(series.gapsSplit()).isZero();
    }

    @Test
    void shouldSplitLongGapsIntoSegments() {
        List<Reading> readings = minutes("heart_rate", 60, 61, 62);
        readings.add(new Reading(T0.plus(MINUTE.multipliedBy(10)), "p", "heart_rate", 70, "bpm"));
        readings.add(new Reading(T0.plus(MINUTE.multipliedBy(11)), "p", "heart_rate", 71, "bpm"));

        PreparedSeries series = SeriesBuilder.prepare(readings, HR.withMaxGapSteps(3));

        assertThat(series.gapsSplit()).isEqualTo(1);
        assertThat(series.filledSteps()).isZero();
        assertThat(series.segments()).containsExactly(
            new Segment(T0, MINUTE, new double[] {60, 61, 62}),
            new Segment(T0.plus(MINUTE.multipliedBy(10)), MINUTE, new double[] {70, 71}));
    }

    @Test
    void shouldAverageReadingsWithinAStep() {
        List<Reading> readings = List.of(new Reading(T0, "p", "heart_rate", 60, null),
            new Reading(T0.plusSeconds(20), "p", "heart_rate", 64, null),
            new Reading(T0.plusSeconds(61), "p", "heart_rate", 70, null));

        PreparedSeries series = SeriesBuilder.prepare(readings, HR);

        assertThat(series.segments().get(0).values()).containsExactly(62, 70);
        assertThat(series.averagedReadings()).isEqualTo(2);
    }

    @Test
    void shouldInferTheStepFromMedianSpacing() {
        WideCsvOptions options = new WideCsvOptions("time_s", TimeUnitOption.SECONDS,
            Map.of("hr_bpm", "heart_rate"), "mitdb-100");
        List<Reading> readings = ReadingsCsv.readWide(resource("mitdb100_hr_first10s.csv"), options);

        PreparedSeries series = SeriesBuilder.prepare(readings, SignalCatalog.defaults().spec("heart_rate"));

        assertThat(series.spec().step()).isEqualTo(Duration.ofSeconds(1));
        assertThat(series.segments().get(0).start()).isEqualTo(WideCsvOptions.DEFAULT_ORIGIN.plusSeconds(2));
        assertThat(series.totalSteps()).isEqualTo(8);
    }

    @Test
    void shouldCountSensorOffZerosInBedsideNumerics() {
        WideCsvOptions options = new WideCsvOptions("elapsed_s", TimeUnitOption.SECONDS,
            Map.of("HR_bpm", "heart_rate", "SpO2_pct", "spo2"), "mimic-s00001");
        List<Reading> readings = ReadingsCsv.readWide(resource("s00001_numerics_first20min.csv"), options);

        List<PreparedSeries> all = SeriesBuilder.prepareAll(readings, SignalCatalog.defaults(),
            Map.of("heart_rate", MINUTE, "spo2", MINUTE));

        PreparedSeries hr = all.stream().filter(s -> s.key().signal().equals("heart_rate")).findFirst().orElseThrow();
        PreparedSeries spo2 = all.stream().filter(s -> s.key().signal().equals("spo2")).findFirst().orElseThrow();
        assertThat(hr.invalid()).containsEntry(InvalidReason.SENSOR_OFF, 1);
        assertThat(hr.segments()).hasSize(1);
        assertThat(hr.segments().get(0).start()).isEqualTo(T0.plus(MINUTE));
        assertThat(spo2.invalid()).containsEntry(InvalidReason.SENSOR_OFF, 19);
        assertThat(spo2.segments()).containsExactly(new Segment(T0.plus(MINUTE.multipliedBy(14)), MINUTE,
            new double[] {96}));
    }

    @Test
    void shouldGiveEventDrivenSignalsOneStepPerReading() {
        WideCsvOptions options = new WideCsvOptions("time_s", TimeUnitOption.SECONDS,
            Map.of("rr_s", "rr_interval"), "mitdb-100");
        List<Reading> readings = ReadingsCsv.readWide(resource("mitdb100_beats_first7.csv"), options);

        PreparedSeries series = SeriesBuilder.prepare(readings, SignalCatalog.defaults().spec("rr_interval"));

        assertThat(series.segments()).hasSize(1);
        Segment segment = series.segments().get(0);
        assertThat(segment.step()).isNull();
        assertThat(segment.length()).isEqualTo(6);
        assertThat(segment.value(0)).isCloseTo(0.8139, within(1e-12));
        assertThat(segment.start()).isEqualTo(WideCsvOptions.DEFAULT_ORIGIN.plusMillis(1027).plusNanos(800_000));
    }

    @Test
    void shouldSplitEventDrivenSeriesAfterTooManyInvalidBeats() {
        SignalSpec rr = SignalCatalog.defaults().spec("rr_interval").withMaxGapSteps(1);
        List<Reading> readings = minutes("rr_interval", 0.8, 9, 0.9, 9, 9, 1.0);

        PreparedSeries series = SeriesBuilder.prepare(readings, rr);

        assertThat(series.invalid()).containsEntry(InvalidReason.OUT_OF_RANGE, 3);
        assertThat(series.filledSteps()).isEqualTo(1);
        assertThat(series.gapsSplit()).isEqualTo(1);
        assertThat(series.segments()).extracting(Segment::length).containsExactly(3, 1);
        assertThat(series.segments().get(0).value(1)).isCloseTo(0.85, within(1e-12));
    }

    @Test
    void shouldRejectReadingsOfSeveralSeries() {
        List<Reading> readings = new ArrayList<>(minutes("heart_rate", 60));
        readings.add(new Reading(T0, "q", "heart_rate", 60, null));

        assertThatThrownBy(() -> SeriesBuilder.prepare(readings, HR)).hasMessageContaining("p/heart_rate")
            .hasMessageContaining("q/heart_rate");
    }

    @Test
    void shouldRefuseToGuessTheStepFromOneReading() {
        assertThatThrownBy(() -> SeriesBuilder.prepare(minutes("heart_rate", 60),
            SignalCatalog.defaults().spec("heart_rate")))
            .isInstanceOf(UserException.class)
            .hasMessageContaining("configure the step");
    }

    @Test
    void shouldGiveNoSegmentsButFullCountsWhenEveryReadingIsInvalid() {
        PreparedSeries series = SeriesBuilder.prepare(minutes("spo2", 0, 0, 0),
            SignalCatalog.defaults().spec("spo2"));

        assertThat(series.segments()).isEmpty();
        assertThat(series.invalid()).containsEntry(InvalidReason.SENSOR_OFF, 3);
        assertThat(series.validReadings()).isZero();
    }

    @Test
    void shouldKeepBadQualityStepsOutOfTheSeriesAsGapsAndCountThemByReason() {
        List<Reading> readings = minutes("heart_rate", 80, 82, 150, 96, 300, 250);

        PreparedSeries series = SeriesBuilder.prepare(readings, HR);

        assertThat(series.invalid()).containsEntry(InvalidReason.IMPOSSIBLE_JUMP, 1)
            .containsEntry(InvalidReason.SATURATION, 1).containsEntry(InvalidReason.FLAT_LINE, 0);
        assertThat(series.segments()).hasSize(1);
        assertThat(series.segments().get(0).values()).as("150 and 300 are interpolated like missing steps")
            .containsExactly(80, 82, 89, 96, 173, 250);
        assertThat(series.filledSteps()).isEqualTo(2);
    }

    @Test
    void shouldCutAFlatLineOutOfAnEventDrivenSeriesOnlyWhenItsRuleIsOn() {
        SignalSpec rr = SignalCatalog.defaults().spec("rr_interval");
        List<Reading> beats = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            beats.add(new Reading(T0.plusSeconds(i), "p", "rr_interval", 0.8, null));
        }

        assertThat(SeriesBuilder.prepare(beats, rr).invalid().get(InvalidReason.FLAT_LINE))
            .as("a paced rhythm is constant: no flat-line rule for RR intervals").isZero();
        PreparedSeries flat = SeriesBuilder.prepare(beats, rr.withQuality(rr.quality().withFlatSteps(10)));
        assertThat(flat.invalid().get(InvalidReason.FLAT_LINE)).isEqualTo(3);
        assertThat(flat.segments().get(0).length()).isEqualTo(9);
    }
}
