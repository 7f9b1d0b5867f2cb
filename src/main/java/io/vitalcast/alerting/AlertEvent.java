package io.vitalcast.alerting;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vitalcast.data.Resolution;
import io.vitalcast.quality.QualityProblem;

/**
 * A record on the alerts topic. Its values are at the signal's {@link Resolution}.
 *
 * @param alertId    stable across OPEN, UPDATE and RESOLVED of one alert
 * @param patientId  patient
 * @param signal     signal
 * @param kind       what the alert is about
 * @param severity   urgency
 * @param state      lifecycle state
 * @param timestamp  time of the step that caused this event
 * @param observed   the observed value at that step, or null when the sensor gave none (a dropout): never "NaN"
 * @param expected   the value expected there (the forecast), or null
 * @param lower      lower bound of the forecast interval around {@code expected} (DEVIATION), or null
 * @param upper      upper bound of that interval, or null
 * @param leadTimeMs for PREDICTED_LIMIT, how far ahead the crossing is forecast, else null
 * @param unit       unit of the values
 * @param message    a human-readable sentence
 * @param probability for PREDICTED_LIMIT, the probability that the signal crosses a limit within the horizon, from
 *                    the forecast intervals ({@link CrossingProbability}), else null
 * @param suppressed  alerts of this patient held back by the hourly cap since the last alert event published, or
 *                    null when none
 * @param problem     for a SENSOR alert's OPEN, the signal-quality problem; otherwise null (and absent from JSON)
 * @param limitLow    the signal's low clinical limit, or null where it has none (clinical kinds)
 * @param limitHigh   the signal's high clinical limit, or null where it has none
 */
public record AlertEvent(String alertId, String patientId, String signal, AlertKind kind, Severity severity,
                         AlertState state, Instant timestamp, Double observed, Double expected, Double lower,
                         Double upper, Long leadTimeMs, String unit, String message, Double probability,
                         Integer suppressed, @JsonInclude(JsonInclude.Include.NON_NULL) QualityProblem problem,
                         Double limitLow, Double limitHigh) {

    public AlertEvent {
        observed = observed == null || !Double.isFinite(observed) ? null : Resolution.round(unit, observed);
        expected = Resolution.round(unit, expected);
        lower = Resolution.round(unit, lower);
        upper = Resolution.round(unit, upper);
    }


    /** An event without clinical limits. */
    public AlertEvent(String alertId, String patientId, String signal, AlertKind kind, Severity severity,
                      AlertState state, Instant timestamp, Double observed, Double expected, Double lower,
                      Double upper, Long leadTimeMs, String unit, String message, Double probability,
                      Integer suppressed, QualityProblem problem) {
        this(alertId, patientId, signal, kind, severity, state, timestamp, observed, expected, lower, upper,
            leadTimeMs, unit, message, probability, suppressed, problem, null, null);
    }

    /** A clinical alert event with a crossing probability or suppressed alerts to report. */
    public AlertEvent(String alertId, String patientId, String signal, AlertKind kind, Severity severity,
                      AlertState state, Instant timestamp, Double observed, Double expected, Double lower,
                      Double upper, Long leadTimeMs, String unit, String message, Double probability,
                      Integer suppressed) {
        this(alertId, patientId, signal, kind, severity, state, timestamp, observed, expected, lower, upper,
            leadTimeMs, unit, message, probability, suppressed, null);
    }

    /** A signal-quality (SENSOR) alert event. */
    public AlertEvent(String alertId, String patientId, String signal, AlertKind kind, Severity severity,
                      AlertState state, Instant timestamp, Double observed, Double expected, Double lower,
                      Double upper, Long leadTimeMs, String unit, String message, QualityProblem problem) {
        this(alertId, patientId, signal, kind, severity, state, timestamp, observed, expected, lower, upper,
            leadTimeMs, unit, message, null, null, problem);
    }

    /** A clinical alert event without a crossing probability or suppressed alerts to report. */
    public AlertEvent(String alertId, String patientId, String signal, AlertKind kind, Severity severity,
                      AlertState state, Instant timestamp, Double observed, Double expected, Double lower,
                      Double upper, Long leadTimeMs, String unit, String message) {
        this(alertId, patientId, signal, kind, severity, state, timestamp, observed, expected, lower, upper,
            leadTimeMs, unit, message, null, null, null);
    }
}
