package io.vitalcast.data;

/** Why a reading was kept out of a series; each one is counted in {@link PreparedSeries#invalid()}. */
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
    DUPLICATE
}
