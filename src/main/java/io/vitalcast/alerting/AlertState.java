package io.vitalcast.alerting;

/** Lifecycle of an alert; one alert id goes through OPEN, any number of UPDATEs, then RESOLVED. */
public enum AlertState {
    OPEN,
    UPDATE,
    RESOLVED
}
