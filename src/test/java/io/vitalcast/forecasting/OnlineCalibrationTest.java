package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class OnlineCalibrationTest {
    private static final double LEVEL = 0.9;
    /** The 95% quantile of the standard normal: the half-width of a true 90% interval of N(0, 1). */
    private static final double Z95 = 1.6449;

    /** Scores {@code steps} one-step residuals of N(0, sigma) against a prior half-width; the coverage of the last half. */
    private static double coverageAfterWarmUp(double prior, double sigma, int steps, long seed) {
        Random random = new Random(seed);
        OnlineCalibration calibration = OnlineCalibration.none();
        int inside = 0;
        for (int t = 0; t < steps; t++) {
            double width = calibration.widen(new double[] {prior})[0];
            boolean covered = Math.abs(sigma * random.nextGaussian()) <= width;
            if (t >= steps / 2 && covered) {
                inside++;
            }
            calibration = calibration.observe(1, covered, LEVEL, OnlineCalibration.RATE);
        }
        return inside / (steps / 2.0);
    }

    @Test
    void shouldWidenAPriorTooNarrowForThePatientUntilItCoversTheLevel() {
        double covered = coverageAfterWarmUp(Z95, 3, 4000, 7);

        assertThat(covered).isBetween(0.87, 0.93);
    }

    @Test
    void shouldNarrowAPriorTooWideForThePatientUntilItCoversTheLevel() {
        double covered = coverageAfterWarmUp(3 * Z95, 1, 4000, 11);

        assertThat(covered).isBetween(0.87, 0.93);
    }

    @Test
    void shouldLeaveAPriorThatAlreadyFitsNearlyAsItIs() {
        Random random = new Random(3);
        OnlineCalibration calibration = OnlineCalibration.none();
        for (int t = 0; t < 4000; t++) {
            double width = calibration.widen(new double[] {Z95})[0];
            calibration = calibration.observe(1, Math.abs(random.nextGaussian()) <= width, LEVEL,
                OnlineCalibration.RATE);
        }

        assertThat(calibration.scale(1)).isBetween(0.8, 1.25);
    }

    @Test
    void shouldCalibrateEachHorizonStepOnItsOwnAndKeepUncalibratedWidthsUncalibrated() {
        OnlineCalibration calibration = OnlineCalibration.none();
        for (int t = 0; t < 20; t++) {
            calibration = calibration.observe(3, false, LEVEL, OnlineCalibration.RATE);
        }

        double[] widths = calibration.widen(new double[] {1, 1, 1, Double.NaN});

        assertThat(widths[0]).isEqualTo(1);
        assertThat(widths[1]).isEqualTo(1);
        assertThat(widths[2]).isCloseTo(Math.exp(20 * OnlineCalibration.RATE * (1 - 0.1)),
            org.assertj.core.data.Offset.offset(1e-12));
        assertThat(widths[3]).isNaN();
    }

    @Test
    void shouldNeverScaleBeyondItsBound() {
        OnlineCalibration calibration = OnlineCalibration.none();
        for (int t = 0; t < 10_000; t++) {
            calibration = calibration.observe(1, false, LEVEL, OnlineCalibration.RATE);
        }

        assertThat(calibration.scale(1)).isCloseTo(OnlineCalibration.MAX_SCALE,
            org.assertj.core.data.Offset.offset(1e-9));
    }
}
