package io.vitalcast.alerting;

import org.apache.commons.math3.special.Erf;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * The probability that a signal crosses a clinical limit within the forecast horizon, from the forecast's
 * intervals, so that a PREDICTED_LIMIT alert says how likely the crossing is rather than only that the point
 * forecast crossed.
 *
 * <p>Each horizon step h is taken as normal around the point forecast with {@code sigma_h = halfWidth_h / z},
 * z the standard normal quantile of the interval's two-sided level (1.645 for 90%); its crossing probability is
 * {@code p_h = Phi((low - f_h) / sigma_h) + 1 - Phi((high - f_h) / sigma_h)}. The probability of a crossing at
 * any step is approximated by {@code max_h p_h}: exact when the forecast errors of the steps are perfectly
 * correlated (a level shift, which is how most crossings happen), and a lower bound of the union otherwise, so it
 * never overstates the risk. The expected lead time is that of the first step whose p_h reaches the threshold.
 * Steps without a calibrated interval count as certain when the point forecast crosses and impossible otherwise,
 * which is the point-forecast rule.
 *
 * @param probability max over the steps of p_h, in [0, 1]
 * @param firstStep   0-based first step with p_h at or above the threshold, or -1
 */
public record CrossingProbability(double probability, int firstStep) {

    /**
     * @param forecast   point forecasts per horizon step
     * @param halfWidths interval half-widths per step, NaN where uncalibrated
     * @param level      two-sided coverage level of the intervals, e.g. 0.9
     * @param limits     the clinical limits
     * @param threshold  probability at which a step counts for the lead time
     */
    public static CrossingProbability of(double[] forecast, double[] halfWidths, double level, ClinicalLimits limits,
                                         double threshold) {
        double z = quantile(level);
        double max = 0;
        int first = -1;
        for (int h = 0; h < forecast.length; h++) {
            double p = stepProbability(forecast[h], halfWidths[h] / z, limits);
            max = Math.max(max, p);
            if (first < 0 && p >= threshold) {
                first = h;
            }
        }
        return new CrossingProbability(max, first);
    }

    static double stepProbability(double forecast, double sigma, ClinicalLimits limits) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            return limits.isBelow(forecast) || limits.isAbove(forecast) ? 1.0 : 0.0;
        }
        double p = 0;
        if (!Double.isNaN(limits.low())) {
            p += phi((limits.low() - forecast) / sigma);
        }
        if (!Double.isNaN(limits.high())) {
            p += 1 - phi((limits.high() - forecast) / sigma);
        }
        return Math.min(1.0, p);
    }

    /** The standard normal distribution function, on every step of every series: commons-numbers' fast erfc. */
    private static double phi(double x) {
        return 0.5 * Erfc.value(-x / Math.sqrt(2));
    }

    /** The standard normal quantile of a two-sided level: 1.645 for 0.9. */
    static double quantile(double level) {
        return Math.sqrt(2) * Erf.erfInv(level);
    }
}
