package io.vitalcast.alerting;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the alert rules of every signal are set to: clinical limits and alert policies by signal, the policy of a
 * signal without its own, and the cap of alerts per patient-hour. Built from configuration; immutable.
 *
 * @param limits                  clinical limits by signal name
 * @param policies                alert policies by signal name
 * @param defaultPolicy           the policy of a signal without one of its own
 * @param maxAlertsPerPatientHour alerts that may open per patient in any hour of event time, across signals and
 *                                kinds; 0 for no cap
 */
public record AlertSettings(Map<String, ClinicalLimits> limits, Map<String, AlertPolicy> policies,
                            AlertPolicy defaultPolicy, int maxAlertsPerPatientHour) {

    public AlertSettings {
        if (defaultPolicy == null) {
            throw new IllegalArgumentException("a default alert policy is required");
        }
        if (maxAlertsPerPatientHour < 0) {
            throw new IllegalArgumentException("alerts per patient-hour must be >= 0 (0: no cap), got "
                + maxAlertsPerPatientHour);
        }
        limits = Collections.unmodifiableMap(new TreeMap<>(limits == null ? Map.of() : limits));
        policies = Collections.unmodifiableMap(new TreeMap<>(policies == null ? Map.of() : policies));
    }

    /** The alert policy of a signal: its own, or the default. */
    public AlertPolicy policyOf(String signal) {
        return policies.getOrDefault(signal, defaultPolicy);
    }

    /** The limits of a signal, or none. */
    public ClinicalLimits limitsOf(String signal) {
        return limits.getOrDefault(signal, ClinicalLimits.none());
    }
}
