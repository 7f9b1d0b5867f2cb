package io.vitalcast.alerting;

/** How urgent an alert is; an open alert whose severity rises emits an UPDATE. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
