package io.vitalcast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vitalcast.data.Reading;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.forecasting.PersistenceForecaster;
import io.vitalcast.series.ForecastRecord;
import org.junit.jupiter.api.Test;

class PublishedForecastScoreTest {
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final SignalSpec HEART_RATE = SignalCatalog.defaults().spec("heart_rate")
        .withStep(Duration.ofSeconds(1));

    /** A ramp of one bpm a second, at the given seconds. */
    private static List<Reading> ramp(int... seconds) {
        List<Reading> readings = new ArrayList<>();
        for (int s : seconds) {
            readings.add(new Reading(START.plusSeconds(s), "p-1", "heart_rate", 60 + s, "bpm"));
        }
        return readings;
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    /** Forecasts one bpm above the ramp at every horizon step, in a band of two bpm either side. */
    private static List<ForecastRecord> oneAbove(int horizon, int... origins) {
        List<ForecastRecord> records = new ArrayList<>();
        for (int o : origins) {
            List<ForecastRecord.ForecastPoint> points = new ArrayList<>();
            for (int h = 1; h <= horizon; h++) {
                double value = 60 + o + h + 1;
                points.add(new ForecastRecord.ForecastPoint(START.plusSeconds(o + h), value, value - 2, value + 2));
            }
            records.add(new ForecastRecord("p-1", "heart_rate", "bpm", START.plusSeconds(o), 1000L,
                new ModelInfo("test", "1", "test"), points, 0.9));
        }
        return records;
    }

    @Test
    void shouldScoreThePublishedForecastsAndEachBaselineOnTheSamePoints() {
        List<Reading> readings = ramp(range(0, 100));

        PublishedForecastScore.Result result = PublishedForecastScore.score(readings, HEART_RATE,
            oneAbove(3, range(0, 100)), 3, 0.5, List.of(new PersistenceForecaster()));

        assertThat(result.points()).containsExactly(49, 48, 47);
        PublishedForecastScore.Row published = result.published();
        assertThat(published.rmse()).containsExactly(1.0, 1.0, 1.0);
        assertThat(published.coverage()).containsExactly(1.0, 1.0, 1.0);
        PublishedForecastScore.Row persistence = result.rows().get(1);
        assertThat(persistence.baseline()).isTrue();
        assertThat(persistence.rmse()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(persistence.rmse()[2]).isCloseTo(3.0, within(1e-12));
        assertThat(result.bestBaseline(2)).get().extracting(PublishedForecastScore.Row::name)
            .isEqualTo("persistence");
    }

    @Test
    void shouldNotScoreAHorizonStepThatFallsBeyondAGapInTheRecording() {
        int[] seconds = java.util.stream.IntStream.concat(java.util.stream.IntStream.range(0, 50),
            java.util.stream.IntStream.range(60, 100)).toArray();

        PublishedForecastScore.Result result = PublishedForecastScore.score(ramp(seconds), HEART_RATE,
            oneAbove(3, 48, 49), 3, 0, List.of(new PersistenceForecaster()));

        assertThat(result.points()).containsExactly(1, 0, 0);
        assertThat(result.published().rmse()[1]).isNaN();
    }

    @Test
    void shouldLeaveOutOriginsWhereABaselineHasTooLittleHistory() {
        PublishedForecastScore.Result result = PublishedForecastScore.score(ramp(range(0, 20)), HEART_RATE,
            oneAbove(1, range(0, 19)), 1, 0, List.of(new io.vitalcast.forecasting.MovingAverageForecaster(5)));

        assertThat(result.points()).containsExactly(15);
    }

    @Test
    void shouldLeaveOutReadingsTheSignalRejectsFromTheSteps() {
        List<Reading> readings = new ArrayList<>(ramp(range(0, 20)));
        readings.set(10, new Reading(START.plusSeconds(10), "p-1", "heart_rate", Double.NaN, "bpm"));

        PublishedForecastScore.Result result = PublishedForecastScore.score(readings, HEART_RATE,
            oneAbove(1, range(0, 19)), 1, 0, List.of());

        assertThat(result.points()).containsExactly(17);
    }
}
