package io.vitalcast.series;

/**
 * A series' running mean absolute one-step residual, an exponentially weighted mean so that it follows the patient:
 * the scale of the anomaly score and of a baseline's intervals until calibrated ones exist.
 *
 * @param meanAbsolute running mean absolute one-step residual
 * @param count        residuals seen
 */
public record Residuals(double meanAbsolute, long count) {
    private static final double DECAY = 0.05;
    private static final Residuals NONE = new Residuals(0, 0);

    /** No residual yet. */
    public static Residuals none() {
        return NONE;
    }

    /** These residuals with one more. */
    public Residuals add(double residual) {
        double magnitude = Math.abs(residual);
        return new Residuals(count == 0 ? magnitude : (1 - DECAY) * meanAbsolute + DECAY * magnitude, count + 1);
    }
}
