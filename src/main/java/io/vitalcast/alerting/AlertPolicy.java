package io.vitalcast.alerting;

import java.time.Duration;

/**
 * How one signal's alerts open, escalate and close, so that a clinician sees few alerts and each one worth reading.
 * The engine that applies it is {@link AlertStateMachine}.
 *
 * <p>DEVIATION alerts are driven by an anomaly score, |residual| / scale, where the scale is the forecast's
 * calibrated interval half-width (or, before one exists, the running-scale equivalent, see {@link AnomalyScore}).
 * A step is abnormal when its score exceeds the enter threshold {@code (1 + margin) / sensitivity}, and counts as
 * normal again only below the exit threshold {@code exitRatio} times that (hysteresis). An alert opens when at least
 * {@code sustainSteps} of the last {@code windowSteps} steps were abnormal (m-of-n; m-of-m is today's consecutive
 * rule), escalates from WARNING to CRITICAL when the score passes {@code criticalRatio} times the enter threshold or
 * the alert has been open for {@code criticalAfter}, and resolves after {@code clearSteps} consecutive normal steps.
 * After a resolve, no alert of the same kind opens for the series within {@code reAlert}. LIMIT and PREDICTED_LIMIT
 * alerts use the same step counts, re-alert interval and escalation by duration.
 *
 * <p>A step's DEVIATION residual is its distance from the forecast made for it {@code deviationHorizonStep} steps
 * before (1: at the step before). Against the forecast of the step before, an abrupt change is surprising for one
 * step only, since the next forecasts already start from the changed value, so a rule that asks for several abnormal
 * steps cannot see it, while the brief swings of a normal rhythm fill the same m-of-n window; against forecasts made
 * {@code k} steps before, a change that lasts is abnormal for {@code k} steps and one that lasts a step or two is not.
 *
 * @param margin               residual margin beyond the interval, in half-widths, at least 0
 * @param sustainSteps         abnormal steps among the last {@code windowSteps} that open an alert, at least 1
 * @param clearSteps           consecutive normal steps that resolve it, at least 1
 * @param direction            which side of the interval counts
 * @param sensitivity          divides the enter threshold: 2 alerts on half the score, 0.5 on twice; above 0
 * @param windowSteps          the n of m-of-n, from {@code sustainSteps} to 64
 * @param exitRatio            exit threshold as a fraction of the enter threshold, in (0, 1]
 * @param reAlert              no new alert of the same kind for the series within this time after a resolve
 * @param criticalRatio        score tier of CRITICAL, as a multiple of the enter threshold, at least 1
 * @param criticalAfter        an alert open this long escalates to CRITICAL; zero for never
 * @param warmUpSteps          scored steps before DEVIATION may open on the running scale (no calibrated interval)
 * @param predictedProbability PREDICTED_LIMIT opens when the probability of crossing a limit within the horizon
 *                             reaches this, in (0, 1)
 * @param deviationHorizonStep horizon step of the forecast a step's DEVIATION residual is measured from, at least 1
 *                             (a model with a shorter horizon, or a series with fewer forecasts since a gap, uses its
 *                             longest)
 */
public record AlertPolicy(double margin, int sustainSteps, int clearSteps, AlertDirection direction,
                          double sensitivity, int windowSteps, double exitRatio, Duration reAlert,
                          double criticalRatio, Duration criticalAfter, int warmUpSteps,
                          double predictedProbability, int deviationHorizonStep) {
    /** Longest m-of-n window: the abnormal steps are kept as bits of a long. */
    public static final int MAX_WINDOW_STEPS = 64;
    public static final double DEFAULT_CRITICAL_RATIO = 3.0;
    public static final int DEFAULT_WARM_UP_STEPS = 10;
    public static final double DEFAULT_PREDICTED_PROBABILITY = 0.5;

    public AlertPolicy {
        if (!(margin >= 0) || Double.isInfinite(margin) || sustainSteps < 1 || clearSteps < 1 || direction == null) {
            throw new IllegalArgumentException("an alert policy needs margin >= 0, sustain and clear steps >= 1 and "
                + "a direction; got margin=" + margin + ", sustain=" + sustainSteps + ", clear=" + clearSteps);
        }
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity) || windowSteps < sustainSteps
            || windowSteps > MAX_WINDOW_STEPS || !(exitRatio > 0 && exitRatio <= 1) || reAlert == null
            || reAlert.isNegative() || !(criticalRatio >= 1) || Double.isInfinite(criticalRatio)
            || criticalAfter == null || criticalAfter.isNegative() || warmUpSteps < 0
            || !(predictedProbability > 0 && predictedProbability < 1) || deviationHorizonStep < 1) {
            throw new IllegalArgumentException("an alert policy needs sensitivity > 0, sustain <= window <= "
                + MAX_WINDOW_STEPS + ", 0 < exit ratio <= 1, re-alert and critical-after >= 0, critical ratio >= 1, "
                + "warm-up >= 0, 0 < predicted probability < 1 and deviation horizon step >= 1; got sensitivity="
                + sensitivity + ", window=" + windowSteps + ", exit=" + exitRatio + ", reAlert=" + reAlert
                + ", critical=" + criticalRatio + ", criticalAfter=" + criticalAfter + ", warmUp=" + warmUpSteps
                + ", probability=" + predictedProbability + ", deviationHorizonStep=" + deviationHorizonStep);
        }
    }

    /** Today's policy: consecutive steps, no hysteresis band, no re-alert interval, escalation by score only. */
    public AlertPolicy(double margin, int sustainSteps, int clearSteps, AlertDirection direction) {
        this(margin, sustainSteps, clearSteps, direction, 1.0, sustainSteps, 1.0, Duration.ZERO,
            DEFAULT_CRITICAL_RATIO, Duration.ZERO, DEFAULT_WARM_UP_STEPS, DEFAULT_PREDICTED_PROBABILITY, 1);
    }

    /** Score above which a step is abnormal. */
    public double enterScore() {
        return (1 + margin) / sensitivity;
    }

    /** Score below which a step counts as normal while an alert is open. */
    public double exitScore() {
        return enterScore() * exitRatio;
    }

    /** Score above which a DEVIATION is CRITICAL. */
    public double criticalScore() {
        return enterScore() * criticalRatio;
    }
}
