package io.vitalcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.streaming.TestSettings;
import org.junit.jupiter.api.Test;

/** Signal quality in the per-series logic: SENSOR alerts, suppression and keeping bad steps out of the history. */
class SeriesUpdaterQualityTest {
    /** Heart rate at 1 s with the built-in thresholds: jumps above 60 bpm per step, flat for 10, clear after 2. */
    private static final SignalSpec HEART_RATE = TestSettings.standard().signals().get("heart_rate");
    private final SeriesUpdater updater = new SeriesUpdater(TestSettings.standard().alerting());
    /** Forecasts the last value with a fixed interval, from a window of 4 steps. */
    private final OnlineModel persistence = FunctionModel.of("last", "test", 4, new double[] {100, 100},
        history -> new double[] {history[history.length - 1], history[history.length - 1]});
    private SeriesState state = SeriesState.empty();
    private final List<AlertEvent> alerts = new ArrayList<>();

    private SeriesUpdater.Update step(long second, double value) {
        return apply(new StepValue("p-1", "heart_rate", second * 1000, value, 1, null));
    }

    private SeriesUpdater.Update apply(StepValue step) {
        SeriesUpdater.Update update = updater.apply(state, step, HEART_RATE, persistence);
        state = update.state();
        alerts.addAll(update.alerts());
        return update;
    }

    private List<AlertEvent> of(AlertKind kind) {
        return alerts.stream().filter(a -> a.kind() == kind).toList();
    }

    @Test
    void shouldOpenASensorAlertOnAnImpossibleJumpAndKeepTheStepOutOfTheHistory() {
        step(0, 80);
        step(1, 81);
        SeriesUpdater.Update jump = step(2, 160);

        assertThat(jump.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SENSOR);
            assertThat(a.state()).isEqualTo(AlertState.OPEN);
            assertThat(a.problem()).isEqualTo(QualityProblem.IMPOSSIBLE_JUMP);
        });
        assertThat(jump.forecast()).as("a bad step makes no forecast").isNull();
        assertThat(jump.scores()).as("a bad step is not scored").isEmpty();
        assertThat(state.steps().values()).containsExactly(80, 81);
        assertThat(state.quality().problem()).isEqualTo(QualityProblem.IMPOSSIBLE_JUMP);
    }

    @Test
    void shouldTreatABadStepAsAGapInTheHistory() {
        step(0, 80);
        step(1, 82);
        step(2, 150);
        step(3, 100);

        assertThat(state.steps().values()).as("the bad step is interpolated like a missing one").containsExactly(80, 82,
            91, 100);
    }

    @Test
    void shouldNotOpenALimitAlertUntilTheSignalIsGoodAgain() {
        step(0, 80);
        step(1, 80.5);
        step(2, 150);
        step(3, 151);
        step(4, 150.5);
        assertThat(of(AlertKind.LIMIT)).as("suppressed while the SENSOR alert is open").isEmpty();

        step(5, 151.5);
        step(6, 150);

        assertThat(of(AlertKind.SENSOR)).extracting(AlertEvent::state).containsExactly(AlertState.OPEN,
            AlertState.RESOLVED);
        assertThat(of(AlertKind.LIMIT)).as("a level that stays is believed once the SENSOR alert resolved")
            .extracting(AlertEvent::state).containsExactly(AlertState.OPEN);
    }

    @Test
    void shouldKeepAnOpenLimitAlertOpenAndUnchangedWhileTheSignalIsBad() {
        double[] rising = {100, 130, 150, 155, 160};
        for (int s = 0; s < rising.length; s++) {
            step(s, rising[s]);
        }
        assertThat(of(AlertKind.LIMIT)).extracting(AlertEvent::state).containsExactly(AlertState.OPEN);
        AlertStatus open = state.alerts().of(AlertKind.LIMIT);

        step(5, 80);
        step(6, 80);

        assertThat(of(AlertKind.LIMIT)).as("neither resolved nor updated while suppressed").hasSize(1);
        assertThat(state.alerts().of(AlertKind.LIMIT)).isEqualTo(open);
        step(7, 80);
        step(8, 80);
        assertThat(of(AlertKind.LIMIT)).extracting(AlertEvent::state).containsExactly(AlertState.OPEN,
            AlertState.RESOLVED);
    }

    @Test
    void shouldRaiseADropoutOnASensorOffMarkerWithoutMovingTheSeries() {
        step(0, 80);
        step(1, 81);
        SeriesUpdater.Update marker = apply(StepValue.sensorOff("p-1", "heart_rate", 1500, null));

        assertThat(marker.late()).isFalse();
        assertThat(marker.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SENSOR);
            assertThat(a.problem()).isEqualTo(QualityProblem.DROPOUT);
        });
        assertThat(state.steps().lastStepMs()).isEqualTo(1000);
        assertThat(state.steps().values()).containsExactly(80, 81);
        assertThat(step(2, 82).late()).as("the marker does not make the next step late").isFalse();
    }

    @Test
    void shouldFlagAFlatLineOnlyAfterTheSignalsNumberOfRepeatedSteps() {
        int flat = HEART_RATE.quality().flatSteps();
        for (int s = 0; s < flat - 1; s++) {
            step(s, 75);
        }
        assertThat(of(AlertKind.SENSOR)).isEmpty();

        step(flat - 1, 75);

        assertThat(of(AlertKind.SENSOR)).singleElement().extracting(AlertEvent::problem)
            .isEqualTo(QualityProblem.FLAT_LINE);
    }
}
