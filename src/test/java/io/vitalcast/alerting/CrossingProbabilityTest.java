package io.vitalcast.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossingProbabilityTest {
    private static final ClinicalLimits HEART_RATE = new ClinicalLimits(40, 140);

    @Test
    void shouldReadAForecastOnTheLimitAsAnEvenChance() {
        CrossingProbability p = CrossingProbability.of(new double[] {100, 140}, new double[] {5, 5}, 0.9, HEART_RATE,
            0.5);

        assertThat(p.probability()).isCloseTo(0.5, within(1e-9));
        assertThat(p.firstStep()).isEqualTo(1);
    }

    @Test
    void shouldTurnTheHalfWidthIntoASigmaThroughTheIntervalLevel() {
        // 90% half-width 1.645 is sigma 1; the limit one sigma above the forecast is crossed with p = 1 - Phi(1)
        CrossingProbability p = CrossingProbability.of(new double[] {139}, new double[] {1.6448536}, 0.9,
            HEART_RATE, 0.5);

        assertThat(p.probability()).isCloseTo(0.158655, within(1e-5));
        assertThat(p.firstStep()).isEqualTo(-1);
    }

    @Test
    void shouldTakeTheLargestStepProbabilityAndTheFirstStepPastTheThresholdForTheLeadTime() {
        CrossingProbability p = CrossingProbability.of(new double[] {130, 136, 139, 142, 150},
            new double[] {3.29, 3.29, 3.29, 3.29, 3.29}, 0.9, HEART_RATE, 0.1);

        // sigma 2: 136 is 2 sigma below 140 (p 0.023), 139 half a sigma (p 0.31)
        assertThat(p.probability()).isCloseTo(1.0, within(1e-6));
        assertThat(p.firstStep()).isEqualTo(2);
    }

    @Test
    void shouldAddBothTailsWhenTheIntervalIsWideEnoughToReachBothLimits() {
        double p = CrossingProbability.stepProbability(90, 50 / 1.2, HEART_RATE);

        // sigma such that the limits 50 bpm away are at +-1.2 sigma: 2 * (1 - Phi(1.2)) = 0.230
        assertThat(p).isCloseTo(0.2301, within(1e-3));
    }

    @Test
    void shouldFallBackToThePointForecastWithoutACalibratedInterval() {
        CrossingProbability p = CrossingProbability.of(new double[] {120, 141}, new double[] {Double.NaN,
            Double.NaN}, 0.9, HEART_RATE, 0.5);

        assertThat(p.probability()).isEqualTo(1.0);
        assertThat(p.firstStep()).isEqualTo(1);
        assertThat(CrossingProbability.of(new double[] {120}, new double[] {Double.NaN}, 0.9, HEART_RATE, 0.5)
            .probability()).isZero();
    }
}
