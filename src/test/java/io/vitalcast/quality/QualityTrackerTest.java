package io.vitalcast.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class QualityTrackerTest {
    private static final QualitySpec SPEC = new QualitySpec(4, 30, 20, 300, 3);

    private static List<QualityProblem> judge(QualitySpec spec, double... values) {
        QualityTracker tracker = QualityTracker.initial();
        List<QualityProblem> problems = new ArrayList<>();
        for (double value : values) {
            QualityTracker.Verdict verdict = tracker.next(spec, value, 0);
            problems.add(verdict.problem());
            tracker = verdict.next();
        }
        return problems;
    }

    @Test
    void shouldFlagAFlatLineFromTheNthRepeatedValueOn() {
        assertThat(judge(SPEC, 70, 71, 71, 71, 71, 71, 72)).containsExactly(null, null, null, null,
            QualityProblem.FLAT_LINE, QualityProblem.FLAT_LINE, null);
    }

    @Test
    void shouldFlagAnImpossibleJumpButBelieveANewLevelThatStays() {
        assertThat(judge(SPEC, 70, 72, 140, 141, 139)).containsExactly(null, null, QualityProblem.IMPOSSIBLE_JUMP,
            null, null);
    }

    @Test
    void shouldAllowALargerChangeAcrossMissingSteps() {
        QualityTracker tracker = QualityTracker.initial().next(SPEC, 70, 0).next();

        assertThat(tracker.next(SPEC, 125, 1).problem()).as("55 over two steps").isNull();
        assertThat(tracker.next(SPEC, 135, 1).problem()).as("65 over two steps").isEqualTo(
            QualityProblem.IMPOSSIBLE_JUMP);
    }

    @Test
    void shouldFlagValuesPinnedAtTheMeasuringLimits() {
        assertThat(judge(SPEC, 300, 20, 21)).containsExactly(QualityProblem.SATURATION, QualityProblem.SATURATION,
            null);
    }

    @Test
    void shouldNotCompareAcrossASensorOffReading() {
        QualityTracker tracker = QualityTracker.initial().next(SPEC, 70, 0).next();
        QualityTracker.Verdict off = tracker.sensorOff();

        assertThat(off.problem()).isEqualTo(QualityProblem.DROPOUT);
        assertThat(off.next().next(SPEC, 150, 0).problem()).isNull();
    }

    @Test
    void shouldJudgeEveryStepGoodWithTheRulesOff() {
        assertThat(judge(QualitySpec.off(), 70, 70, 70, 70, 70, 300, 20, 250)).containsOnlyNulls();
    }

    @Test
    void shouldRejectThresholdsThatMakeNoSense() {
        assertThatThrownBy(() -> new QualitySpec(1, 30, 20, 300, 3)).hasMessageContaining("flat-line");
        assertThatThrownBy(() -> new QualitySpec(4, -1, 20, 300, 3)).hasMessageContaining("jump");
        assertThatThrownBy(() -> new QualitySpec(4, 30, 300, 20, 3)).hasMessageContaining("saturation");
        assertThatThrownBy(() -> new QualitySpec(4, 30, 20, 300, 0)).hasMessageContaining("clear");
    }
}
