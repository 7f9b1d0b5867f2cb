package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Segment;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.LstmForecasterSettings;
import io.vitalcast.training.TrainingConfig;
import org.junit.jupiter.api.Test;

class RecordSplitTest {
    private static final Duration STEP = Duration.ofSeconds(1);
    private static final SignalSpec SPEC = SignalCatalog.defaults().spec("heart_rate", STEP);

    private static SeriesGroup group(String file, String patient, int steps) {
        double[] values = IntStream.range(0, steps).mapToDouble(t -> 70 + t % 7).toArray();
        Segment segment = new Segment(Instant.parse("2026-01-01T00:00:00Z"), STEP, values);
        return new SeriesGroup(Path.of("data", file), new PreparedSeries(new SeriesKey(patient, "heart_rate"), SPEC,
            List.of(segment), steps, Map.of(), 0, 0, 0));
    }

    private static final List<SeriesGroup> THREE = List.of(group("a.csv", "p-1", 100), group("a.csv", "p-2", 120),
        group("b.csv", "p-3", 140));

    private static List<String> names(List<SeriesGroup> groups) {
        return groups.stream().map(SeriesGroup::name).toList();
    }

    @Test
    void shouldSplitInTimeAsBeforeWhenThereIsOneRecordAndNoHoldOutIsAsked() {
        assertThat(RecordSplit.choose(THREE.subList(0, 1), null, List.of())).isEmpty();
    }

    @Test
    void shouldHoldOutTheLastRecordByDefaultAndPutNoRecordOnBothSides() {
        RecordSplit split = RecordSplit.choose(THREE, null, List.of()).orElseThrow();

        assertThat(names(split.heldOut())).containsExactly("b.csv:p-3");
        assertThat(names(split.training())).containsExactly("a.csv:p-1", "a.csv:p-2")
            .doesNotContainAnyElementsOf(names(split.heldOut()));
        assertThat(RecordSplit.choose(THREE, null, List.of())).isEqualTo(Optional.of(split));
    }

    @Test
    void shouldTrainOnOneAndValidateOnTheOtherOfTwoRecords() {
        RecordSplit split = RecordSplit.choose(THREE.subList(0, 2), null, List.of()).orElseThrow();

        assertThat(names(split.training())).containsExactly("a.csv:p-1");
        assertThat(names(split.heldOut())).containsExactly("a.csv:p-2");
    }

    @Test
    void shouldHoldOutTheRecordsNamedByFileOrPatient() {
        assertThat(names(RecordSplit.choose(THREE, null, List.of("p-1")).orElseThrow().heldOut()))
            .containsExactly("a.csv:p-1");
        assertThat(names(RecordSplit.choose(THREE, null, List.of("a.csv")).orElseThrow().heldOut()))
            .containsExactly("a.csv:p-1", "a.csv:p-2");
        assertThat(names(RecordSplit.choose(THREE, null, List.of("data/b.csv", "a.csv:p-2")).orElseThrow()
            .heldOut())).containsExactly("a.csv:p-2", "b.csv:p-3");
    }

    @Test
    void shouldGiveTheWindowKindTheHeldOutRecordsWindowsForValidationAndTheOthersForTraining() {
        RecordSplit split = RecordSplit.choose(THREE, null, List.of()).orElseThrow();
        ForecasterTraining training = new ForecasterTraining(ForecasterTraining.Kind.WINDOW,
            new LstmForecasterSettings(10, 5, 4, 1, 2), TrainingConfig.defaults(), 50, 0.9);

        WindowDataset windows = training.windows(split.series(), split.fractions());

        assertThat(windows.train().size()).isEqualTo((100 - 14) + (120 - 14));
        assertThat(windows.validation().size()).isEqualTo(140 - 14);
        assertThat(windows.test().size()).isZero();
    }

    @Test
    void shouldFailInOneLineSayingHowManyRecordsThereAreWhenTheHoldOutCannotBeMade() {
        assertThatThrownBy(() -> RecordSplit.choose(THREE.subList(0, 2), 2, List.of()))
            .isInstanceOf(UserException.class)
            .hasMessage("--holdout-records 2: the input has 2 records, so 1 to 1 can be held out");
        assertThatThrownBy(() -> RecordSplit.choose(THREE.subList(0, 1), 1, List.of()))
            .isInstanceOf(UserException.class)
            .hasMessageStartingWith("a record hold-out needs at least 2 records (a file and patient each); the input "
                + "has 1");
        assertThatThrownBy(() -> RecordSplit.choose(THREE, null, List.of("p-9")))
            .isInstanceOf(UserException.class)
            .hasMessage("--validation-record p-9: no such record; the records are [a.csv:p-1, a.csv:p-2, b.csv:p-3]");
        assertThatThrownBy(() -> RecordSplit.choose(THREE, null, List.of("a.csv", "b.csv")))
            .isInstanceOf(UserException.class)
            .hasMessage("--validation-record holds out all 3 records, leaving none to train on");
    }
}
