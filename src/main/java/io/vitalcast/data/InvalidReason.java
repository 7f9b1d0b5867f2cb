package io.vitalcast.data;

/**
 * Why a reading was kept out of a series; each one is counted in {@link PreparedSeries#invalid()}. The
 * signal-quality reasons (flat line, impossible jump, saturation; see {@link io.vitalcast.quality.QualityTracker})
 * judge steps, so for a fixed-step signal they count steps (the mean of a step's readings), not readings.
 */
public enum InvalidReason {
    /** NaN or infinite. */
    NOT_FINITE,
    /** Equal to the signal's sensor-off value (a monitor reports 0 when the sensor is not connected). */
    SENSOR_OFF,
    /** Outside the physiological range of the signal. */
    OUT_OF_RANGE,
    /** Stated in a unit other than the signal's. */
    WRONG_UNIT,
    /** A second reading with the same timestamp; the first one is used. */
    DUPLICATE,
    /** Signal quality: the value repeated exactly for longer than the signal allows. */
    FLAT_LINE,
    /** Signal quality: a change from the previous step larger than the body can make. */
    IMPOSSIBLE_JUMP,
    /** Signal quality: the value sits at the device's measuring limit. */
    SATURATION
}
