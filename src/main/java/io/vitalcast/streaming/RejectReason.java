package io.vitalcast.streaming;

/** Why an input record could not be used. Every rejected record carries one and is counted under it. */
public enum RejectReason {
    /** The bytes are not a JSON reading or batch. */
    MALFORMED,
    /** A required field is absent or of the wrong type. */
    MISSING_FIELD,
    /** The record key is absent or is not the patient id of the value (records must be keyed by patient). */
    KEY_MISMATCH,
    /** The signal is not configured. */
    UNKNOWN_SIGNAL,
    /** The unit differs from the signal's unit. */
    WRONG_UNIT,
    /** The value is NaN or infinite. */
    NOT_FINITE,
    /** The value is outside the signal's physiological range. */
    OUT_OF_RANGE,
    /** The value is the signal's "sensor off" value (e.g. SpO2 0). */
    SENSOR_OFF,
    /** The reading arrived after its step had closed (window end plus grace), or before the last step seen. */
    LATE,
    /** An acknowledgement with an unknown action, or a snooze without a readable end time. */
    INVALID_ACK,
    /** An acknowledgement of an alert that is not open for the patient (unknown, resolved or never published). */
    UNKNOWN_ALERT
}
