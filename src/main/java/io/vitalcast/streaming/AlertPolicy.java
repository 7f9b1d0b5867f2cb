package io.vitalcast.streaming;

/**
 * How one signal's DEVIATION alerts open and close: the margin beyond the calibrated interval (in half-widths beyond
 * 1), the consecutive deviating steps that open an alert, the consecutive normal steps that resolve it
 * (hysteresis), and which side of the interval counts. LIMIT and PREDICTED_LIMIT alerts use the same step counts.
 *
 * @param margin       residual margin beyond the interval, in half-widths, at least 0
 * @param sustainSteps abnormal steps that open an alert, at least 1
 * @param clearSteps   normal steps that resolve it, at least 1
 * @param direction    which side of the interval counts
 */
public record AlertPolicy(double margin, int sustainSteps, int clearSteps, AlertDirection direction) {

    public AlertPolicy {
        if (!(margin >= 0) || Double.isInfinite(margin) || sustainSteps < 1 || clearSteps < 1 || direction == null) {
            throw new IllegalArgumentException("an alert policy needs margin >= 0, sustain and clear steps >= 1 and "
                + "a direction; got margin=" + margin + ", sustain=" + sustainSteps + ", clear=" + clearSteps);
        }
    }
}
