package io.vitalcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class OpenStepsTest {
    private static final long STEP = 1_000;
    private static final long GRACE = 2_000;
    private static final SourceRecord SOURCE = new SourceRecord("vitals.readings", 0, 7, 0, null, null);

    private static OpenSteps.Outcome admit(OpenSteps steps, long timeMs, double value, long wallMs) {
        return steps.admit("p-1", "heart_rate", timeMs, value, SOURCE, STEP, GRACE, wallMs);
    }

    @Test
    void shouldCloseAStepOnceTheSeriesOwnReadingsPassItsEndPlusGrace() {
        OpenSteps steps = admit(OpenSteps.NONE, 10_100, 70, 0).next();
        steps = admit(steps, 10_600, 72, 0).next();
        OpenSteps.Outcome notYet = admit(steps, 12_900, 80, 0);
        OpenSteps.Outcome closing = admit(notYet.next(), 13_000, 81, 0);

        assertThat(notYet.closed()).isEmpty();
        assertThat(closing.closed()).singleElement().satisfies(step -> {
            assertThat(step.timeMs()).isEqualTo(10_000);
            assertThat(step.value()).isEqualTo(71);
            assertThat(step.readings()).isEqualTo(2);
        });
        assertThat(closing.next().steps()).extracting(OpenSteps.OpenStep::startMs).containsExactly(12_000L, 13_000L);
    }

    @Test
    void shouldTakeAnOutOfOrderReadingWithinGraceIntoItsOwnStep() {
        OpenSteps steps = admit(OpenSteps.NONE, 10_500, 70, 0).next();
        steps = admit(steps, 11_500, 75, 0).next();
        OpenSteps.Outcome earlier = admit(steps, 10_900, 72, 0);

        assertThat(earlier.late()).isFalse();
        assertThat(earlier.next().steps()).extracting(OpenSteps.OpenStep::count).containsExactly(2, 1);
    }

    @Test
    void shouldRefuseAReadingWhoseStepEndedAGracePeriodBeforeTheSeriesClock() {
        OpenSteps steps = admit(OpenSteps.NONE, 20_000, 70, 0).next();

        assertThat(admit(steps, 17_999, 70, 0).late()).isTrue();
        assertThat(admit(steps, 18_000, 70, 0).late()).isFalse();
    }

    @Test
    void shouldRefuseAReadingOfAStepAlreadyClosed() {
        OpenSteps steps = admit(OpenSteps.NONE, 10_000, 70, 0).next();
        steps = steps.closeIdle("p-1", "heart_rate", 60_000, STEP, GRACE).next();

        assertThat(steps.steps()).isEmpty();
        assertThat(admit(steps, 10_500, 70, 60_000).late()).isTrue();
        assertThat(admit(steps, 11_000, 70, 60_000).late()).isFalse();
    }

    @Test
    void shouldCloseTheLastStepOfASilentSeriesOnceItsClockRunOnByTheWallClockPassesIt() {
        OpenSteps steps = admit(OpenSteps.NONE, 10_200, 70, 100_000).next();

        assertThat(steps.closeIdle("p-1", "heart_rate", 102_700, STEP, GRACE).closed()).isEmpty();
        assertThat(steps.closeIdle("p-1", "heart_rate", 102_800, STEP, GRACE).closed())
            .extracting(StepValue::timeMs).containsExactly(10_000L);
    }

    @Test
    void shouldNotCloseTheOpenStepsOfABackfillArrivingFasterThanRealTime() {
        long wall = 1_000_000_000L;
        OpenSteps steps = OpenSteps.NONE;
        for (int i = 0; i < 100; i++) {
            OpenSteps.Outcome outcome = admit(steps, 5_000 + i * 250L, 70, wall + i);
            steps = outcome.next();
            assertThat(steps.closeIdle("p-1", "heart_rate", wall + i + 5, STEP, GRACE).closed())
                .as("closed by the punctuation during the backfill").isEmpty();
        }
        assertThat(steps.steps()).hasSize(3);
    }

    @Test
    void shouldKeepOnlyTheOpenSteps() {
        OpenSteps steps = OpenSteps.NONE;
        List<StepValue> closed = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OpenSteps.Outcome outcome = admit(steps, i * 1_000L, i, 0);
            closed.addAll(outcome.closed());
            steps = outcome.next();
        }

        assertThat(closed).extracting(StepValue::timeMs).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L,
            5_000L, 6_000L, 7_000L, 8_000L, 9_000L, 10_000L, 11_000L, 12_000L, 13_000L, 14_000L, 15_000L, 16_000L);
        assertThat(steps.steps()).hasSize(3);
    }
}
