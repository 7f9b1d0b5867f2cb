package io.vitalcast.series;

import io.vitalcast.forecasting.ModelFingerprint;

/**
 * A recurrent model's state after the last step of a series, and which model made it, so that only that model
 * carries it on.
 *
 * @param state       the recurrent state, or null (a window model, or no step of the current segment yet)
 * @param fingerprint the {@link io.vitalcast.forecasting.OnlineModel#fingerprint()} of the model {@code state}
 *                    belongs to, or {@link ModelFingerprint#UNKNOWN} when none or unknown (read from a version-1 or
 *                    version-2 store)
 */
public record ModelMemory(double[] state, long fingerprint) {
    private static final ModelMemory NONE = new ModelMemory(null, ModelFingerprint.UNKNOWN);

    /** No recurrent state. */
    public static ModelMemory none() {
        return NONE;
    }
}
