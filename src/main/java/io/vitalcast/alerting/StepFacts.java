package io.vitalcast.alerting;

import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualitySpec;

/**
 * What the alert rules may know of one step of one series: the step, its signal's settings, how the step compared
 * with the forecast made for it, and the forecast made at it. Built by the series logic once per step; each
 * {@link AlertRule} reads the part it needs.
 *
 * @param step     the step
 * @param unit     unit of the signal's values
 * @param policy   the signal's alert policy
 * @param limits   the signal's clinical limits
 * @param quality  the signal's quality rules
 * @param problem  the signal-quality problem of the step, or null when the step is good
 * @param previous the last value before this step (NaN when none), for the messages of quality problems
 * @param scoring  how the step compared with the one-step forecast made for it, or null when it cannot be scored
 *                 (a bad step, the first step, or after a gap)
 * @param forecast the forecast made at this step, or null (a bad step, or not enough history yet)
 */
public record StepFacts(SeriesStep step, String unit, AlertPolicy policy, ClinicalLimits limits, QualitySpec quality,
                        QualityProblem problem, double previous, Scoring scoring, Forecast forecast) {

    /** Whether the step itself is bad: it is then neither scored nor forecast from. */
    public boolean isBad() {
        return problem != null;
    }

    /**
     * The step against the one-step forecast made for it.
     *
     * @param expected the forecast value
     * @param scale    the anomaly score's scale ({@link AnomalyScore}), NaN while there is none
     */
    public record Scoring(double expected, double scale) {
    }

    /**
     * The forecast made at the step.
     *
     * @param values       point forecasts per horizon step
     * @param halfWidths   interval half-widths per step, NaN where uncalibrated
     * @param level        two-sided coverage level of the intervals
     * @param pointTimesMs the time each horizon step is forecast for
     */
    public record Forecast(double[] values, double[] halfWidths, double level, long[] pointTimesMs) {
    }
}
