package io.vitalcast.quality;

/** Why a step of a series cannot be believed. */
public enum QualityProblem {
    /** The sensor reported its "not connected" value (SpO2 0 with the probe off). */
    DROPOUT,
    /** The value stayed exactly the same for longer than the signal physiologically allows. */
    FLAT_LINE,
    /** The value changed in one step by more than the body can change it (lead noise, a probe moved). */
    IMPOSSIBLE_JUMP,
    /** The value sits at the device's measuring limit, where the true value is unknown. */
    SATURATION
}
