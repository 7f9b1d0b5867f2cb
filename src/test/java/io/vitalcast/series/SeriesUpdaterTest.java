package io.vitalcast.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.vitalcast.alerting.AlertDirection;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.IntervalEstimator;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.forecasting.ModelKind;
import io.vitalcast.forecasting.OnlineCalibration;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.forecasting.RecurrentModel;
import io.vitalcast.streaming.SeriesStateSerde;
import io.vitalcast.streaming.SeriesStateSerdeTest;
import io.vitalcast.streaming.StreamingSettings;
import io.vitalcast.streaming.TestSettings;
import org.junit.jupiter.api.Test;

class SeriesUpdaterTest {
    private static final SignalSpec HEART_RATE = TestSettings.standard().signals().get("heart_rate");
    private final SeriesUpdater updater = new SeriesUpdater(TestSettings.standard().alerting());

    /** A model that "forecasts" its own input window, so a test can see the history it was given. */
    private static final OnlineModel ECHO = FunctionModel.of("echo", "test", 4, new double[] {1, 1, 1, 1},
        double[]::clone);

    /**
     * A model forecasting +10 per step from the last value, with intervals of +-5 (before the crossing probability,
     * they were +-100, which the point-forecast rule ignored; read as probabilities, +-100 bpm gives 135 bpm a 0.53
     * chance of being beyond 40 or 140, so the lead time would rightly be a step earlier).
     */
    private static final OnlineModel RISING = FunctionModel.of("rising", "test", 1, new double[] {5, 5, 5, 5, 5},
        history -> {
            double[] out = new double[5];
            for (int h = 0; h < 5; h++) {
                out[h] = history[history.length - 1] + 10 * (h + 1);
            }
            return out;
        });

    /** A model always forecasting 70 without a calibrated interval, as a baseline before calibration. */
    private static final OnlineModel FLAT_UNCALIBRATED = FunctionModel.of("flat", "baseline", 1,
        new double[] {Double.NaN}, history -> new double[] {70});

    private List<AlertEvent> alertsOf(OnlineModel model, double... values) {
        SeriesState state = SeriesState.empty();
        List<AlertEvent> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            SeriesUpdater.Update update = updater.apply(state,
                new StepValue("p-1", "heart_rate", i * 1000L, values[i], 1, null), HEART_RATE, model);
            alerts.addAll(update.alerts());
            state = update.state();
        }
        return alerts;
    }

    /** Persistence with a fixed +-1 bpm interval, far too narrow for a patient whose heart rate wanders by 3 bpm. */
    private static final OnlineModel NARROW = FunctionModel.of("narrow", "test", 1, new double[] {1},
        history -> new double[] {history[history.length - 1]});

    /** DEVIATION alerts opened over a random walk of 3 bpm steps, and the coverage of the last 1,000 steps. */
    private static double[] noisyPatient(SeriesUpdater updater) {
        java.util.Random random = new java.util.Random(5);
        SeriesState state = SeriesState.empty();
        double value = 75;
        int opened = 0;
        int inside = 0;
        int scored = 0;
        for (int s = 0; s < 3000; s++) {
            value = Math.max(50, Math.min(130, value + 3 * random.nextGaussian()));
            SeriesUpdater.Update update = updater.apply(state,
                new StepValue("p-1", "heart_rate", s * 1000L, value, 1, null), HEART_RATE, NARROW);
            opened += (int) update.alerts().stream().filter(a -> a.kind() == AlertKind.DEVIATION
                && a.state() == AlertState.OPEN).count();
            if (s >= 2000) {
                for (SeriesUpdater.HorizonScore score : update.scores()) {
                    scored++;
                    inside += Boolean.TRUE.equals(score.covered()) ? 1 : 0;
                }
            }
            state = update.state();
        }
        return new double[] {opened, (double) inside / scored};
    }

    /** Mean absolute one-step error of the published forecast and of the model's own, over a random walk. */
    private static double[] errorsOnAWalk(OnlineModel model, OnlineLearning online) {
        java.util.Random random = new java.util.Random(8);
        SeriesUpdater updater = new SeriesUpdater(TestSettings.standard().alerting(), online);
        SeriesState state = SeriesState.empty();
        double value = 75;
        double published = 0;
        double population = 0;
        int scored = 0;
        for (int s = 0; s < 3000; s++) {
            value = Math.max(50, Math.min(130, value + random.nextGaussian()));
            SeriesUpdater.Update update = updater.apply(state,
                new StepValue("p-1", "heart_rate", s * 1000L, value, 1, null), HEART_RATE, model);
            for (SeriesUpdater.HorizonScore score : update.scores()) {
                if (score.horizon() == 1 && s >= 500) {
                    published += score.absoluteError();
                    population += Math.abs(score.rawError());
                    scored++;
                }
            }
            state = SeriesStateSerde.read(SeriesStateSerde.write(update.state()));
        }
        return new double[] {published / scored, population / scored};
    }

    @Test
    void shouldCorrectAModelThatIsBiasedOnThePatient() {
        OnlineModel lowByThree = FunctionModel.of("low", "test", 1, new double[] {2},
            history -> new double[] {history[history.length - 1] - 3});

        double[] adapted = errorsOnAWalk(lowByThree, OnlineLearning.DEFAULT);
        double[] fixed = errorsOnAWalk(lowByThree, OnlineLearning.OFF);

        assertThat(adapted[1]).as("the model's own error, the same either way (recovered as published minus offset)")
            .isCloseTo(fixed[1], org.assertj.core.api.Assertions.withinPercentage(1e-10));
        assertThat(fixed[0]).isEqualTo(fixed[1]);
        assertThat(adapted[0]).isLessThan(0.5 * adapted[1]);
    }

    @Test
    void shouldNotMakeAnUnbiasedModelWorseOnAverage() {
        OnlineModel persistence = FunctionModel.of("last", "test", 1, new double[] {2},
            history -> new double[] {history[history.length - 1]});

        double[] adapted = errorsOnAWalk(persistence, OnlineLearning.DEFAULT);

        assertThat(adapted[0]).isLessThanOrEqualTo(1.01 * adapted[1]);
    }

    @Test
    void shouldCalibrateAnIntervalTooNarrowForThePatientSoThatItCoversTheLevelAndAlertsLess() {
        double[] fixed = noisyPatient(new SeriesUpdater(TestSettings.standard().alerting(), OnlineLearning.OFF));
        double[] calibrated = noisyPatient(new SeriesUpdater(TestSettings.standard().alerting(),
            new OnlineLearning(OnlineCalibration.RATE, false)));

        assertThat(fixed[1]).as("the model's own interval").isLessThan(0.4);
        assertThat(calibrated[1]).as("calibrated on the patient").isBetween(0.85, 0.95);
        assertThat(calibrated[0]).isLessThan(fixed[0] / 4);
    }

    /** Persistence over five steps with a fixed +-2 bpm interval. */
    private static final OnlineModel STEADY = FunctionModel.of("steady", "test", 1, new double[] {2, 2, 2, 2, 2},
        history -> {
            double[] out = new double[5];
            java.util.Arrays.fill(out, history[history.length - 1]);
            return out;
        });

    /** DEVIATION alerts opened over the values with three abnormal steps in a row opening one. */
    private static List<AlertEvent> deviationsMeasuredFrom(int horizonStep, double... values) {
        StreamingSettings base = TestSettings.standard();
        AlertPolicy policy = new AlertPolicy(0, 3, 2, AlertDirection.BOTH, 1, 3, 1, Duration.ZERO, 3,
            Duration.ZERO, 10, 0.5, horizonStep);
        SeriesUpdater updater = new SeriesUpdater(new StreamingSettings(base.topics(), base.signals(), null,
            base.grace(), 0.0, 3, 2, Map.of(), Map.of("heart_rate", policy)).alerting(), OnlineLearning.OFF);
        SeriesState state = SeriesState.empty();
        List<AlertEvent> opened = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            SeriesUpdater.Update update = updater.apply(state,
                new StepValue("p-1", "heart_rate", i * 1000L, values[i], 1, null), HEART_RATE, STEADY);
            update.alerts().stream().filter(a -> a.kind() == AlertKind.DEVIATION && a.state() == AlertState.OPEN)
                .forEach(opened::add);
            state = update.state();
        }
        return opened;
    }

    @Test
    void shouldSeeALastingJumpAgainstTheForecastMadeStepsBeforeThatTheForecastOfTheStepBeforeFollows() {
        double[] jump = {70, 71, 70, 71, 70, 71, 90, 90, 90, 90, 90, 90};

        assertThat(deviationsMeasuredFrom(1, jump)).as("only the jump's own step is a surprise").isEmpty();
        List<AlertEvent> opened = deviationsMeasuredFrom(3, jump);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).timestamp().toEpochMilli()).as("the jump's third step").isEqualTo(8000);
        assertThat(opened.get(0).expected()).isEqualTo(71.0);
    }

    @Test
    void shouldNotOpenADeviationForASwingShorterThanTheHorizonStepItIsMeasuredFrom() {
        assertThat(deviationsMeasuredFrom(3, 70, 71, 70, 71, 70, 71, 90, 90, 71, 70, 71, 70)).isEmpty();
    }

    @Test
    void shouldNotOpenADeviationOnTheRunningScaleDuringTheWarmUp() {
        List<AlertEvent> alerts = alertsOf(FLAT_UNCALIBRATED, 70, 71, 70, 100, 101, 102, 103, 104, 105, 106);

        assertThat(alerts).isEmpty();
    }

    @Test
    void shouldScoreResidualsOnTheRunningScaleAfterTheWarmUpWithoutACalibratedInterval() {
        List<AlertEvent> alerts = alertsOf(FLAT_UNCALIBRATED, 70, 71, 70, 71, 70, 71, 70, 71, 70, 71, 70, 71, 70,
            90, 91);

        assertThat(alerts).hasSize(1);
        AlertEvent open = alerts.get(0);
        assertThat(open.kind()).isEqualTo(AlertKind.DEVIATION);
        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.observed()).isEqualTo(91.0);
        assertThat(open.message()).contains("score");
    }

    @Test
    void shouldPutTheCrossingProbabilityInThePredictedLimitAlert() {
        SeriesState state = SeriesState.empty();
        List<AlertEvent> alerts = new java.util.ArrayList<>();
        for (int s = 0; s < 2; s++) {
            SeriesUpdater.Update update = updater.apply(state,
                new StepValue("p-1", "heart_rate", s * 1000L, 100 + 5 * s, 1, null), HEART_RATE, RISING);
            alerts.addAll(update.alerts());
            state = update.state();
        }

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).probability()).isGreaterThan(0.99);
        assertThat(alerts.get(0).message()).contains("probability 1.00");
    }

    /**
     * A stateful model whose state is {steps, sum of values, sum of changes from the previous step} and whose
     * forecast shows that state and the last value kept, so a test can see every step it was advanced by. Each
     * version is another model of the same size, as a retrained model is.
     */
    private record Counting(String version) implements RecurrentModel {
        @Override
        public ModelInfo info() {
            return new ModelInfo("counting", version, "test");
        }

        @Override
        public int window() {
            return 3;
        }

        @Override
        public int horizon() {
            return 4;
        }


        @Override
        public int historyLength() {
            return 2;
        }

        @Override
        public boolean acceptsState(double[] modelState) {
            return modelState != null && modelState.length == 3;
        }

        @Override
        public double[] advance(double[] modelState, double previous, double value) {
            double[] s = modelState == null ? new double[3] : modelState.clone();
            s[0] += 1;
            s[1] += value;
            s[2] += modelState == null ? 0 : value - previous;
            return s;
        }

        @Override
        public double[] forecast(double[] modelState, double[] history) {
            return new double[] {modelState[0], modelState[1], modelState[2], history[history.length - 1]};
        }


        @Override
        public IntervalEstimator intervals() {
            return IntervalEstimator.fixed(new double[] {1, 1, 1, 1}, 0.9);
        }

        @Override
        public ModelKind kind() {
            return ModelKind.STATEFUL_LSTM;
        }
    }

    private static final OnlineModel COUNTING = new Counting("1");
    private static final OnlineModel RETRAINED_COUNTING = new Counting("2");

    private SeriesUpdater.Update run(OnlineModel model, long[] seconds, double[] values) {
        return run(SeriesState.empty(), model, seconds, values);
    }

    private SeriesUpdater.Update run(SeriesState initial, OnlineModel model, long[] seconds, double[] values) {
        SeriesState state = initial;
        SeriesUpdater.Update update = null;
        for (int i = 0; i < seconds.length; i++) {
            update = updater.apply(state, new StepValue("p-1", "heart_rate", seconds[i] * 1000, values[i], 1, null),
                HEART_RATE, model);
            state = update.state();
        }
        return update;
    }

    private static double[] values(ForecastRecord forecast) {
        return forecast.points().stream().mapToDouble(ForecastRecord.ForecastPoint::value).toArray();
    }

    @Test
    void shouldScoreAndAlertTheSameWhenTheStateGoesThroughTheStoreBetweenSteps() {
        long[] seconds = {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22};
        double[] values = {70, 72, 71, 75, 74, 78, 77, 80, 82, 79, 85, 90, 130, 145, 150, 148, 120, 95, 90, 88, 87, 86};
        for (OnlineModel model : List.of(ECHO, RISING, COUNTING)) {
            SeriesState direct = SeriesState.empty();
            SeriesState stored = SeriesState.empty();
            List<SeriesUpdater.HorizonScore> directScores = new java.util.ArrayList<>();
            List<SeriesUpdater.HorizonScore> storedScores = new java.util.ArrayList<>();
            List<AlertEvent> directAlerts = new java.util.ArrayList<>();
            List<AlertEvent> storedAlerts = new java.util.ArrayList<>();
            for (int i = 0; i < seconds.length; i++) {
                StepValue step = new StepValue("p-1", "heart_rate", seconds[i] * 1000, values[i], 1, null);
                SeriesUpdater.Update a = updater.apply(direct, step, HEART_RATE, model);
                SeriesUpdater.Update b = updater.apply(stored, step, HEART_RATE, model);
                directScores.addAll(a.scores());
                storedScores.addAll(b.scores());
                directAlerts.addAll(a.alerts());
                storedAlerts.addAll(b.alerts());
                direct = a.state();
                stored = SeriesStateSerde.read(SeriesStateSerde.write(b.state()));
            }

            assertThat(directScores).extracting(SeriesUpdater.HorizonScore::horizon).contains(model.horizon());
            assertThat(storedScores).isEqualTo(directScores);
            assertThat(storedAlerts).isEqualTo(directAlerts);
        }
    }

    @Test
    void shouldFillShortGapsByLinearInterpolation() {
        SeriesUpdater.Update update = run(ECHO, new long[] {0, 1, 2, 5}, new double[] {70, 71, 72, 78});

        assertThat(values(update.forecast())).containsExactly(72, 74, 76, 78);
    }

    @Test
    void shouldRestartTheHistoryAfterAGapLongerThanTheSignalAllows() {
        long gap = HEART_RATE.maxGapSteps() + 2;
        SeriesUpdater.Update update = run(ECHO, new long[] {0, 1, 2, 3, 3 + gap, 4 + gap},
            new double[] {70, 71, 72, 73, 90, 91});

        assertThat(update.forecast()).isNull();
        assertThat(update.state().steps().values()).containsExactly(90, 91);
    }

    @Test
    void shouldRejectAStepThatIsNotAfterTheLastOne() {
        SeriesUpdater.Update update = run(ECHO, new long[] {0, 1, 1}, new double[] {70, 71, 72});

        assertThat(update.late()).isTrue();
        assertThat(update.state().steps().values()).containsExactly(70, 71);
    }

    @Test
    void shouldRaiseAPredictedLimitAlertWithItsLeadTimeBeforeTheLimitIsReached() {
        SeriesState state = SeriesState.empty();
        List<AlertEvent> alerts = new java.util.ArrayList<>();
        double[] values = {100, 105, 110};
        for (int s = 0; s < values.length; s++) {
            SeriesUpdater.Update update = updater.apply(state,
                new StepValue("p-1", "heart_rate", s * 1000L, values[s], 1, null), HEART_RATE, RISING);
            alerts.addAll(update.alerts());
            state = update.state();
        }

        assertThat(alerts).hasSize(1);
        AlertEvent open = alerts.get(0);
        assertThat(open.kind()).isEqualTo(AlertKind.PREDICTED_LIMIT);
        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.leadTimeMs()).isEqualTo(Duration.ofSeconds(4).toMillis());
        assertThat(open.expected()).isEqualTo(145.0);
        assertThat(open.message()).contains("high limit 140");
    }

    @Test
    void shouldAdvanceAStatefulModelOverEveryStepFilledOnesIncludedKeepingOnlyItsFewLastValues() {
        // 70 71 72 (74 76 filled) 78: six steps, sum 441, changes adding up to 78 - 70
        SeriesUpdater.Update update = run(COUNTING, new long[] {0, 1, 2, 5}, new double[] {70, 71, 72, 78});

        assertThat(values(update.forecast())).containsExactly(6, 441, 8, 78);
        assertThat(update.state().steps().values()).containsExactly(76, 78);
        assertThat(update.state().steps().segmentSteps()).isEqualTo(6);
        assertThat(update.state().model().state()).containsExactly(6, 441, 8);
    }

    @Test
    void shouldRestartAStatefulModelAfterAGapLongerThanTheSignalAllows() {
        long gap = HEART_RATE.maxGapSteps() + 2;
        long[] seconds = {0, 1, 2, 3, 3 + gap, 4 + gap};
        double[] values = {70, 71, 72, 73, 90, 91};

        SeriesUpdater.Update restarted = run(COUNTING, seconds, values);
        SeriesUpdater.Update next = updater.apply(restarted.state(),
            new StepValue("p-1", "heart_rate", (5 + gap) * 1000, 92, 1, null), HEART_RATE, COUNTING);

        assertThat(restarted.forecast()).as("two steps into the new segment, before the warm-up of 3").isNull();
        assertThat(restarted.state().model().state()).containsExactly(2, 181, 1);
        assertThat(values(next.forecast())).containsExactly(3, 273, 2, 92);
    }

    @Test
    void shouldStartAStatefulModelAfreshOnAStateWithoutOne() {
        // a state written by a window model (or read from a version-1 store) has no model state
        SeriesState windowModelState = run(ECHO, new long[] {0, 1, 2, 3}, new double[] {70, 71, 72, 73}).state();

        SeriesUpdater.Update update = run(windowModelState, COUNTING, new long[] {4, 5, 6},
            new double[] {74, 75, 76});

        assertThat(values(update.forecast())).containsExactly(3, 225, 2, 76);
    }

    /** The state {@link #COUNTING} stores after four steps of 70 to 73, read back from the store. */
    private SeriesState storedByCounting() {
        return SeriesStateSerde.read(SeriesStateSerde.write(
            run(COUNTING, new long[] {0, 1, 2, 3}, new double[] {70, 71, 72, 73}).state()));
    }

    @Test
    void shouldRestartTheSegmentWhenTheModelChanged() {
        SeriesState stored = storedByCounting();

        SeriesUpdater.Update switched = run(stored, RETRAINED_COUNTING, new long[] {4}, new double[] {74});
        SeriesUpdater.Update warm = run(switched.state(), RETRAINED_COUNTING, new long[] {5, 6},
            new double[] {75, 76});

        assertThat(stored.model().fingerprint()).isEqualTo(COUNTING.fingerprint());
        assertThat(switched.forecast()).as("one step into the new segment, before the warm-up of 3").isNull();
        assertThat(switched.scores()).as("the forecasts made for the step are still scored").isNotEmpty();
        assertThat(switched.state().model().state()).containsExactly(1, 74, 0);
        assertThat(switched.state().model().fingerprint()).isEqualTo(RETRAINED_COUNTING.fingerprint());
        assertThat(switched.state().steps().segmentSteps()).isEqualTo(1);
        assertThat(switched.state().steps().values()).containsExactly(73, 74);
        assertThat(values(warm.forecast())).containsExactly(3, 225, 2, 76);
    }

    @Test
    void shouldCarryTheRecurrentStateOnWhileTheModelIsTheSame() {
        SeriesUpdater.Update next = run(storedByCounting(), new Counting("1"), new long[] {4}, new double[] {74});

        assertThat(values(next.forecast())).containsExactly(5, 360, 4, 74);
        assertThat(next.state().steps().segmentSteps()).isEqualTo(5);
    }

    @Test
    void shouldStartANewSegmentOnAStateReadFromAVersionTwoStore() {
        SeriesState stored = SeriesStateSerde.read(SeriesStateSerdeTest.VERSION_2_STATEFUL);

        SeriesUpdater.Update first = run(stored, COUNTING, new long[] {4}, new double[] {72});
        SeriesUpdater.Update warm = run(first.state(), COUNTING, new long[] {5, 6}, new double[] {73, 74});

        assertThat(stored.model().state()).as("a state that would fit").hasSize(3);
        assertThat(first.forecast()).isNull();
        assertThat(first.state().model().state()).containsExactly(1, 72, 0);
        assertThat(values(warm.forecast())).containsExactly(3, 219, 2, 74);
    }
}
