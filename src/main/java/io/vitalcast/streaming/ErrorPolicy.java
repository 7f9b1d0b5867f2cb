package io.vitalcast.streaming;

/**
 * What the service does with an exception it did not expect while processing one record. Such an exception is a
 * bug, but in production one record must not stop forecasting for every patient, nor loop: the record goes to the
 * rejected topic as {@link RejectReason#PROCESSING_ERROR} and the stream goes on. In development failing at once
 * shows the bug where it happened.
 */
public enum ErrorPolicy {
    /** Reject the record ({@code PROCESSING_ERROR}), count and log it, and go on. */
    REJECT,
    /** Stop the service, as a stream thread without an exception handler would. */
    FAIL
}
