package io.vitalcast.alerting;

/**
 * Lifecycle of an alert; one alert id goes through OPEN, any number of UPDATEs, then RESOLVED, with an ACKNOWLEDGED
 * or SNOOZED event between them when a clinician acknowledges or snoozes it.
 */
public enum AlertState {
    OPEN,
    UPDATE,
    RESOLVED,
    ACKNOWLEDGED,
    SNOOZED
}
