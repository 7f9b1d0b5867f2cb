package io.vitalcast.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WindowDatasetTest {
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Values equal to their global step index, so a window's values say where they came from. */
    private static List<Segment> indexedSegments(int... lengths) {
        List<Segment> segments = new java.util.ArrayList<>();
        int offset = 0;
        for (int length : lengths) {
            int from = offset;
            double[] values = IntStream.range(from, from + length).asDoubleStream().toArray();
            segments.add(new Segment(T0.plus(SECOND.multipliedBy(from + 100L * segments.size())), SECOND, values));
            offset += length;
        }
        return segments;
    }

    @Test
    void shouldSplitChronologicallyWithoutLeakage() {
        WindowDataset dataset = WindowDataset.create(indexedSegments(60, 40), 5, 3);

        double lastTrainValue = dataset.train().segments().stream().mapToDouble(s -> s.value(s.length() - 1))
            .max().orElseThrow();
        double firstValidation = dataset.validation().segments().get(0).value(0);
        double lastValidation = dataset.validation().segments().stream().mapToDouble(s -> s.value(s.length() - 1))
            .max().orElseThrow();
        assertThat(lastTrainValue).isEqualTo(69);
        assertThat(firstValidation).isEqualTo(70);
        assertThat(lastValidation).isEqualTo(84);
        for (Window window : dataset.test().windows()) {
            assertThat(Arrays.stream(window.history()).min().orElseThrow()).isGreaterThan(lastValidation);
        }
        for (Window window : dataset.validation().windows()) {
            assertThat(Arrays.stream(window.history()).min().orElseThrow()).isGreaterThan(lastTrainValue);
            assertThat(Arrays.stream(window.target()).max().orElseThrow()).isLessThanOrEqualTo(lastValidation);
        }
        for (Window window : dataset.train().windows()) {
            assertThat(Arrays.stream(window.target()).max().orElseThrow()).isLessThanOrEqualTo(lastTrainValue);
        }
    }

    @Test
    void shouldNeverCrossASegmentBoundary() {
        WindowDataset dataset = WindowDataset.create(indexedSegments(60, 40), 5, 3);

        for (Part part : Part.values()) {
            for (Window window : dataset.part(part).windows()) {
                double[] history = window.history();
                double[] target = window.target();
                double first = history[0];
                double last = target[target.length - 1];
                assertThat(last - first).as("consecutive values within one segment").isEqualTo(7);
                assertThat(first < 60 && last >= 60).isFalse();
            }
        }
        assertThat(dataset.train().windows()).hasSize((60 - 7) + (10 - 7));
    }

    @Test
    void shouldKeepWindowsInTimeOrderWithTheirTargetTimes() {
        WindowDataset dataset = WindowDataset.create(indexedSegments(100), 10, 2);

        Window first = dataset.train().windows().get(0);
        assertThat(first.targetIndex()).isEqualTo(10);
        assertThat(first.firstTargetTime()).isEqualTo(T0.plusSeconds(10));
        assertThat(first.targetTime(1)).isEqualTo(T0.plusSeconds(11));
        Window firstTest = dataset.test().windows().get(0);
        assertThat(firstTest.history()[0]).isEqualTo(85);
        assertThat(firstTest.firstTargetTime()).isEqualTo(T0.plusSeconds(95));
        assertThat(dataset.test().windows()).hasSize(15 - 12 + 1);
    }

    @Test
    void shouldFitTheScalerOnTheTrainingPartOnly() {
        WindowDataset dataset = WindowDataset.create(indexedSegments(100), 4, 1);

        Scaler scaler = dataset.fitScaler();

        assertThat(scaler.mean()).isEqualTo(34.5);
        assertThat(scaler.std()).isCloseTo(Math.sqrt((70.0 * 70 - 1) / 12), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(scaler.unscale(scaler.scale(81.0))).isCloseTo(81.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldScaleConstantSeriesWithUnitStd() {
        Scaler scaler = Scaler.fit(List.of(new double[] {5, 5, 5}));

        assertThat(scaler.std()).isEqualTo(1);
        assertThat(scaler.scale(new double[] {5, 7})).containsExactly(0, 2);
    }

    @Test
    void shouldConcatenatePartsOfSeveralSeries() {
        PreparedSeries a = new PreparedSeries(new SeriesKey("a", "heart_rate"),
            SignalCatalog.defaults().spec("heart_rate", SECOND), indexedSegments(100), 100,
            Map.of(), 0, 0, 0);
        PreparedSeries b = new PreparedSeries(new SeriesKey("b", "heart_rate"),
            SignalCatalog.defaults().spec("heart_rate", SECOND), indexedSegments(20), 20, Map.of(), 0, 0, 0);

        WindowDataset dataset = WindowDataset.ofSeries(List.of(a, b), 4, 1, SplitFractions.DEFAULT);

        assertThat(dataset.train().segments()).hasSize(2);
        assertThat(dataset.train().steps()).isEqualTo(70 + 14);
        assertThat(dataset.test().windows()).hasSize(15 - 4);
    }

    @Test
    void shouldPutEachSeriesWhollyInThePartItsFractionsGiveIt() {
        Segment first = indexedSegments(50).get(0);
        Segment second = new Segment(T0, SECOND, IntStream.range(1000, 1030).asDoubleStream().toArray());
        List<PreparedSeries> series = List.of(prepared("a", first), prepared("b", second));

        WindowDataset dataset = WindowDataset.ofSeries(series, 5, 3,
            List.of(SplitFractions.TRAIN_ONLY, SplitFractions.VALIDATION_ONLY));

        assertThat(dataset.train().windows()).hasSize(50 - 8 + 1)
            .allSatisfy(w -> assertThat(Arrays.stream(w.target()).max().orElseThrow()).isLessThan(1000));
        assertThat(dataset.validation().windows()).hasSize(30 - 8 + 1)
            .allSatisfy(w -> assertThat(Arrays.stream(w.history()).min().orElseThrow()).isGreaterThanOrEqualTo(1000));
        assertThat(dataset.test().windows()).isEmpty();
    }

    private static PreparedSeries prepared(String patient, Segment segment) {
        return new PreparedSeries(new SeriesKey(patient, "heart_rate"),
            SignalCatalog.defaults().spec("heart_rate", SECOND), List.of(segment), segment.length(),
            Map.of(), 0, 0, 0);
    }
}
