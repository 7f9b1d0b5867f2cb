package io.vitalcast.forecasting;

import java.util.Arrays;
import java.util.List;

import io.vitalcast.data.Window;

/**
 * Split-conformal prediction intervals, one half-width per horizon step: {@code forecast[h] +- halfWidths[h]}.
 *
 * <p>From {@code n} calibration windows (never used for fitting), the absolute residuals
 * {@code |actual - forecast|} at step {@code h} are sorted and the half-width is the {@code k}-th smallest with
 * {@code k = ceil((n + 1) * level)}. If the calibration and test windows are exchangeable, an interval then covers at
 * least {@code level} of test values at that step, whatever the forecaster; time series are only roughly
 * exchangeable, which is why the backtest reports the coverage actually reached. With too few windows
 * ({@code k > n}) the half-width is infinite: no finite interval can be promised.
 *
 * @param halfWidths half-width per horizon step (0-based), in original units
 * @param level      the coverage aimed at, e.g. 0.9
 */
public record ConformalIntervals(double[] halfWidths, double level) {
    /** Coverage aimed at unless configured: 90 %. */
    public static final double DEFAULT_LEVEL = 0.9;

    public ConformalIntervals {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("coverage level must be in (0, 1), got " + level);
        }
        halfWidths = halfWidths.clone();
    }

    @Override
    public double[] halfWidths() {
        return halfWidths.clone();
    }

    public double halfWidth(int h) {
        return halfWidths[h];
    }

    public int horizon() {
        return halfWidths.length;
    }

    /**
     * Calibrates from absolute residuals.
     *
     * @param absoluteResiduals {@code [window][h]} values {@code |actual - forecast|}
     */
    public static ConformalIntervals calibrate(double[][] absoluteResiduals, double level) {
        if (absoluteResiduals.length == 0) {
            throw new IllegalArgumentException("conformal calibration needs at least one window");
        }
        int n = absoluteResiduals.length;
        int horizon = absoluteResiduals[0].length;
        int k = (int) Math.ceil((n + 1) * level - 1e-9);
        double[] halfWidths = new double[horizon];
        double[] column = new double[n];
        for (int h = 0; h < horizon; h++) {
            for (int i = 0; i < n; i++) {
                column[i] = Math.abs(absoluteResiduals[i][h]);
            }
            Arrays.sort(column);
            halfWidths[h] = k > n ? Double.POSITIVE_INFINITY : column[k - 1];
        }
        return new ConformalIntervals(halfWidths, level);
    }

    /** Calibrates a forecaster on windows it was not fitted on (the validation part). */
    public static ConformalIntervals calibrate(Forecaster forecaster, List<Window> calibrationWindows, int horizon,
                                               double level) {
        double[][] residuals = new double[calibrationWindows.size()][];
        for (int i = 0; i < residuals.length; i++) {
            Window window = calibrationWindows.get(i);
            double[] forecast = forecaster.forecast(window, horizon);
            double[] target = window.target();
            residuals[i] = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                residuals[i][h] = Math.abs(target[h] - forecast[h]);
            }
        }
        return calibrate(residuals, level);
    }

    /** Whether {@code actual} lies in the interval around {@code forecast} at step {@code h}. */
    public boolean covers(int h, double forecast, double actual) {
        return Math.abs(actual - forecast) <= halfWidths[h];
    }
}
