package io.vitalcast.alerting;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The state of every alert kind of one series, by kind: what the series state keeps for alerting. Immutable; a kind
 * never seen is {@linkplain AlertStatus#idle() idle}. Read and replaced at every step of every series, so it is an
 * array by kind rather than a map.
 */
public final class AlertStates {
    private static final AlertKind[] KINDS = AlertKind.values();
    private static final AlertStates IDLE = new AlertStates(new AlertStatus[KINDS.length]);
    private final AlertStatus[] statuses;

    private AlertStates(AlertStatus[] statuses) {
        this.statuses = statuses;
    }

    /** Every kind idle. */
    public static AlertStates idle() {
        return IDLE;
    }

    /** The given statuses; kinds not given are idle. */
    public static AlertStates of(Map<AlertKind, AlertStatus> statuses) {
        AlertStatus[] array = new AlertStatus[KINDS.length];
        statuses.forEach((kind, status) -> array[kind.ordinal()] = status);
        return new AlertStates(array);
    }

    /** The state of a kind. */
    public AlertStatus of(AlertKind kind) {
        AlertStatus status = statuses[kind.ordinal()];
        return status == null ? AlertStatus.idle() : status;
    }

    /** These states with another state of one kind. */
    public AlertStates with(AlertKind kind, AlertStatus status) {
        AlertStatus[] next = statuses.clone();
        next[kind.ordinal()] = status;
        return new AlertStates(next);
    }

    /** The kinds whose state is not idle, with their states, in kind order: what a store writes. */
    public Map<AlertKind, AlertStatus> active() {
        EnumMap<AlertKind, AlertStatus> active = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : KINDS) {
            AlertStatus status = of(kind);
            if (!status.equals(AlertStatus.idle())) {
                active.put(kind, status);
            }
        }
        return Collections.unmodifiableMap(active);
    }

    /** Whether an alert of this id is open for the series. */
    public boolean isOpen(String alertId) {
        for (AlertStatus status : statuses) {
            if (status != null && alertId.equals(status.alertId())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a technical alert (one that says the signal cannot be believed) is open or held back: clinical alerts
     * of the series are then frozen.
     */
    public boolean signalDoubted() {
        for (AlertKind kind : KINDS) {
            AlertStatus status = statuses[kind.ordinal()];
            if (!kind.isClinical() && status != null && (status.isOpen() || status.held())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlertStates states && active().equals(states.active());
    }

    @Override
    public int hashCode() {
        return active().hashCode();
    }

    @Override
    public String toString() {
        return "AlertStates" + active();
    }
}
