package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class OnlineAdaptationTest {
    private static final double[] NO_HISTORY = new double[0];

    @Test
    void shouldLearnAModelsBiasOnThePatientAndCorrectItAfterTheWarmUp() {
        Random random = new Random(1);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        for (int t = 0; t < OnlineAdaptation.WARM_UP - 1; t++) {
            adaptation = adaptation.observe(new double[] {2 + random.nextGaussian()});
        }
        assertThat(adaptation.offsets(1, adaptation.features(NO_HISTORY))).as("during the warm-up")
            .containsExactly(0);

        for (int t = 0; t < 300; t++) {
            adaptation = adaptation.observe(new double[] {2 + random.nextGaussian()});
        }

        assertThat(adaptation.applies(1)).isTrue();
        assertThat(adaptation.offsets(1, adaptation.features(NO_HISTORY))[0]).isCloseTo(2, within(0.5));
    }

    /**
     * A quiet patient (a slow random walk) forecast by a population model that adds swings of its own at step 1
     * (noise no correction of the features can learn) and is exact at step 2: holding the last value has done better
     * at step 1, so the series blends its forecast there nearly all the way to it, and keeps the model at step 2.
     */
    @Test
    void shouldBlendTowardsTheLastValueAtAStepWherePersistenceHasBeenBetterThanTheModelAndItsCorrection() {
        Random random = new Random(5);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        double[] values = new double[400];
        values[0] = 70;
        for (int t = 1; t < values.length; t++) {
            values[t] = values[t - 1] + 0.3 * random.nextGaussian();
        }
        double[] stepOne = new double[values.length];
        for (int t = 0; t < values.length; t++) {
            if (t >= 2) {
                adaptation = adaptation.observe(new double[] {values[t] - stepOne[t - 1], 0}, values[t]);
            }
            if (t == OnlineAdaptation.WARM_UP) {
                assertThat(adaptation.blends(1)).as("during the warm-up").isFalse();
            }
            stepOne[t] = values[t] + 2 * random.nextGaussian();
            adaptation = adaptation.withOrigin(adaptation.features(new double[] {values[t]}), values[t], 2);
        }

        assertThat(adaptation.blends(1)).isTrue();
        assertThat(adaptation.blendShare(1)).isGreaterThan(0.8);
        assertThat(adaptation.blends(2)).as("where the model is the better").isFalse();
        double[] raw = {75, 74};
        double[] features = adaptation.features(new double[] {72});
        double[] offsets = adaptation.offsets(raw, features, 72);
        double correction = adaptation.offsets(2, features)[0];
        assertThat(raw[0] + offsets[0]).isCloseTo(raw[0] + adaptation.blendShare(1) * (72 - raw[0]) + correction,
            within(1e-12));
        assertThat(offsets[1]).isEqualTo(adaptation.offsets(2, features)[1]);
    }

    @Test
    void shouldNotBlendWherePersistencesForecastIsNotKnown() {
        Random random = new Random(6);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        for (int t = 0; t < 300; t++) {
            adaptation = adaptation.observe(new double[] {3 * random.nextGaussian()}, 70);
        }

        assertThat(adaptation.blendShare(1)).isZero();
        assertThat(adaptation.blends(1)).isFalse();
    }

    @Test
    void shouldNotCorrectAnUnbiasedModelWhereTheCorrectionDoesNotHelp() {
        Random random = new Random(2);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        double raw = 0;
        double published = 0;
        for (int t = 0; t < 20_000; t++) {
            double error = random.nextGaussian();
            double offset = adaptation.offsets(1, adaptation.features(NO_HISTORY))[0];
            raw += error * error;
            published += (error - offset) * (error - offset);
            adaptation = adaptation.observe(new double[] {error});
        }

        assertThat(published / raw).as("mean squared error, corrected over raw").isLessThan(1.01);
    }

    @Test
    void shouldKeepEachHorizonStepApartAndSkipStepsNotScored() {
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        for (int t = 0; t < 200; t++) {
            adaptation = adaptation.observe(new double[] {0.1 * ((t % 2) * 2 - 1), Double.NaN, 5});
        }

        assertThat(adaptation.count()).isEqualTo(200);
        assertThat(adaptation.bias()[1]).isZero();
        double[] offsets = adaptation.offsets(3, adaptation.features(NO_HISTORY));
        assertThat(offsets[2]).isCloseTo(5, within(0.2));
        assertThat(offsets[1]).isZero();
    }

    /**
     * A patient whose rate settles at 100 bpm, forecast one step ahead by a population model that reverts half way
     * towards 70: its error grows with the distance from 70, which no constant bias removes.
     */
    @Test
    void shouldLearnAnErrorThatDependsOnWhereTheSeriesStandsBeyondWhatABiasRemoves() {
        Random random = new Random(3);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        double y = 100;
        double previous = Double.NaN;
        double[] history = new double[0];
        int steps = 6000;
        double[] rawErrors = new double[steps];
        double corrected = 0;
        double pendingRaw = Double.NaN;
        double pendingOffset = 0;
        for (int t = 0; t < steps; t++) {
            double next = 100 + 0.9 * (y - 100) + random.nextGaussian();
            if (!Double.isNaN(pendingRaw)) {
                double error = next - pendingRaw;
                rawErrors[t] = error;
                if (t >= steps / 2) {
                    corrected += (error - pendingOffset) * (error - pendingOffset);
                }
                adaptation = adaptation.observe(new double[] {error});
            }
            adaptation = adaptation.follow(previous, next);
            previous = next;
            y = next;
            history = append(history, y);
            double[] features = adaptation.features(history);
            pendingOffset = adaptation.offsets(1, features)[0];
            pendingRaw = 70 + 0.5 * (y - 70);
            adaptation = adaptation.withOrigin(features, y, 1);
        }

        double mean = 0;
        for (int t = steps / 2; t < steps; t++) {
            mean += rawErrors[t] / (steps - steps / 2);
        }
        double variance = 0;
        for (int t = steps / 2; t < steps; t++) {
            variance += (rawErrors[t] - mean) * (rawErrors[t] - mean) / (steps - steps / 2);
        }
        assertThat(corrected / (steps - steps / 2)).as("corrected mean squared error against the best a constant "
            + "bias could do (the raw errors' variance, %.3f)", variance).isLessThan(0.8 * variance);
    }

    @Test
    void shouldNeverCorrectByMoreThanTheModelsTypicalErrorAtThatStep() {
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        double[] features = features(1, 1);
        for (int t = 0; t < 500; t++) {
            adaptation = adaptation.withOrigin(features, 70, 1).observe(new double[] {3});
        }
        double typical = Math.sqrt(adaptation.rawSquare()[0]);

        double[] extreme = new double[OnlineAdaptation.FEATURES];
        java.util.Arrays.fill(extreme, 5);
        extreme[0] = 1;

        assertThat(adaptation.offsets(1, features)[0]).isCloseTo(3, within(0.1));
        assertThat(adaptation.offsets(1, extreme)[0]).isCloseTo(typical, within(1e-12));
    }

    @Test
    void shouldKeepTheFeaturesOfTheLastOriginsMostRecentFirstUpToTheHorizon() {
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        for (int i = 1; i <= 3; i++) {
            adaptation = adaptation.withOrigin(features(1, i), 70 + i, 2);
        }

        assertThat(adaptation.origins()).hasNumberOfRows(2);
        assertThat(adaptation.origins()[0][1]).isEqualTo(3);
        assertThat(adaptation.origins()[1][1]).isEqualTo(2);
        assertThat(adaptation.originValues()).containsExactly(73, 72);
        assertThat(adaptation.withoutOrigins().origins()).isEmpty();
        assertThat(adaptation.withoutOrigins().originValues()).isEmpty();
    }

    /**
     * A patient whose rate swings in two rhythms at once (periods of 5 and 11 steps), forecast one step ahead by
     * persistence: the next change follows from the last four changes, which the correction sees (two would not do).
     */
    @Test
    void shouldLearnThePatientsOwnDynamicsFromItsLastChanges() {
        Random random = new Random(4);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        double[] history = new double[0];
        int steps = 4000;
        double raw = 0;
        double corrected = 0;
        double pendingRaw = Double.NaN;
        double pendingOffset = 0;
        double previous = Double.NaN;
        for (int t = 0; t < steps; t++) {
            double next = 75 + 6 * Math.sin(2 * Math.PI * t / 5) + 4 * Math.sin(2 * Math.PI * t / 11)
                + 0.3 * random.nextGaussian();
            if (!Double.isNaN(pendingRaw)) {
                double error = next - pendingRaw;
                if (t >= steps / 2) {
                    raw += error * error;
                    corrected += (error - pendingOffset) * (error - pendingOffset);
                }
                adaptation = adaptation.observe(new double[] {error});
            }
            adaptation = adaptation.follow(previous, next);
            previous = next;
            history = append(history, next, OnlineAdaptation.FEATURES);
            double[] features = adaptation.features(history);
            pendingOffset = adaptation.offsets(1, features)[0];
            pendingRaw = next;
            adaptation = adaptation.withOrigin(features, next, 1);
        }

        assertThat(corrected / raw).as("mean squared error, corrected over persistence's").isLessThan(0.1);
    }

    private static double[] features(double... leading) {
        return java.util.Arrays.copyOf(leading, OnlineAdaptation.FEATURES);
    }

    private static double[] append(double[] history, double value, int keep) {
        double[] next = java.util.Arrays.copyOfRange(history, Math.max(0, history.length - keep + 1),
            history.length + 1);
        next[next.length - 1] = value;
        return next;
    }

    private static double[] append(double[] history, double value) {
        double[] next = java.util.Arrays.copyOfRange(history, Math.max(0, history.length - 2), history.length + 1);
        next[next.length - 1] = value;
        return next;
    }
}
