package io.vitalcast.alerting;

import java.time.Instant;
import java.util.function.Supplier;

/** The events of the clinical kinds: the same fields for each, and a note of the alerts the hourly cap held back. */
final class ClinicalEvents {
    private ClinicalEvents() {
    }

    /**
     * Builds the events of one clinical kind at one step; the message is worded only if an event is published, the
     * {@code resolved} one for a RESOLVED event, so that an alert's end does not read like a new anomaly.
     */
    static AlertStateMachine.EventFactory of(AlertKind kind, StepFacts facts, Double expected, Double lower,
                                             Double upper, Long leadTimeMs, Double probability,
                                             Supplier<String> message, Supplier<String> resolved) {
        SeriesStep step = facts.step();
        return (id, severity, state, suppressed) -> {
            String text = state == AlertState.RESOLVED ? "Resolved: " + resolved.get() : message.get();
            return new AlertEvent(id, step.patientId(), step.signal(), kind, severity, state,
                Instant.ofEpochMilli(step.timeMs()), step.value(), expected, lower, upper, leadTimeMs, facts.unit(),
                suppressed == null ? text : text + " (" + suppressed + " alerts of this patient held back by the "
                    + "hourly cap)", probability, suppressed, null, finiteOrNull(facts.limits().low()),
                finiteOrNull(facts.limits().high()));
        };
    }

    /** A limit as an event field: null where the signal has none. */
    static Double finiteOrNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
