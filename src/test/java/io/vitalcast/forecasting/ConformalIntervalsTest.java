package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vitalcast.data.Window;
import org.junit.jupiter.api.Test;

class ConformalIntervalsTest {

    @Test
    void shouldTakeTheCeilNPlusOneTimesLevelSmallestResidual() {
        double[][] residuals = new double[19][1];
        for (int i = 0; i < 19; i++) {
            residuals[i][0] = 19 - i;
        }

        ConformalIntervals intervals = ConformalIntervals.calibrate(residuals, 0.9);

        assertThat(intervals.halfWidth(0)).as("k = ceil(20 * 0.9) = 18th smallest of 1..19").isEqualTo(18);
    }

    @Test
    void shouldNotRoundKUpOnFloatingPointNoise() {
        double[][] residuals = {{1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}};

        ConformalIntervals intervals = ConformalIntervals.calibrate(residuals, 0.9);

        assertThat(intervals.halfWidth(0)).as("(9 + 1) * 0.9 is 9.000000000000002 in floating point").isEqualTo(9);
    }

    @Test
    void shouldBeInfiniteWithTooFewCalibrationWindows() {
        ConformalIntervals intervals = ConformalIntervals.calibrate(new double[][] {{1}, {2}, {3}}, 0.9);

        assertThat(intervals.halfWidth(0)).isInfinite();
    }

    @Test
    void shouldCalibrateEachHorizonStepOnItsOwn() {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            windows.add(new Window(new double[] {0}, new double[] {i + 1, 2 * (i + 1)}, Instant.EPOCH, null, i));
        }

        ConformalIntervals intervals = ConformalIntervals.calibrate(new PersistenceForecaster(), windows, 2, 0.8);

        assertThat(intervals.halfWidths()).containsExactly(8, 16);
        assertThat(intervals.covers(0, 0, 8)).isTrue();
        assertThat(intervals.covers(0, 0, 8.5)).isFalse();
    }
}
