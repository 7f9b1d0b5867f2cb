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
    /**
     * The time of the reading is impossible: negative, zero (a monitor with an unset clock), beyond the range of
     * epoch milliseconds, or a batch sample time that overflows.
     */
    BAD_TIMESTAMP,
    /** The time of the reading is further ahead of the wall clock than {@code vitalcast.readings.max.future}. */
    FUTURE_TIMESTAMP,
    /**
     * The record is larger than {@code vitalcast.readings.max.bytes}, a batch has more samples than
     * {@code vitalcast.readings.max.batch.values}, or a patient id or signal name is longer than
     * {@code vitalcast.readings.max.id.length}.
     */
    TOO_LARGE,
    /**
     * Processing the record threw an exception the service did not expect (a bug): the record is set aside with the
     * exception's class and message, so that it cannot stop the service or be retried forever.
     */
    PROCESSING_ERROR,
    /** An acknowledgement with an unknown action, or a snooze without a readable end time. */
    INVALID_ACK,
    /** An acknowledgement of an alert that is not open for the patient (unknown, resolved or never published). */
    UNKNOWN_ALERT
}
