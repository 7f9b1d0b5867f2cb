package io.vitalcast.alerting;

/**
 * What one alert kind looks for at a step, and what its events say. A rule only observes: the lifecycle (m-of-n,
 * hysteresis, re-alert, acknowledgements, the hourly cap) is the one {@link AlertStateMachine} of every kind, so a new
 * kind is one rule and one {@link AlertKind} constant that names it. Rules are stateless and thread-safe.
 */
public interface AlertRule {

    /**
     * What the rule sees at this step, or null when it has nothing to judge at it (the kind's state then stays as
     * it is).
     *
     * @param facts  the step
     * @param states the kinds' states so far in this step (kinds judged earlier in the step are already updated)
     */
    Finding observe(StepFacts facts, AlertStates states);

    /** The policy the kind's lifecycle follows for this step's signal; by default the signal's own. */
    default AlertPolicy policy(StepFacts facts) {
        return facts.policy();
    }

    /**
     * An observation and how to word the event it may cause.
     *
     * @param observation what was seen
     * @param events      builds the kind's event should the state machine publish one
     */
    record Finding(AlertStateMachine.Observation observation, AlertStateMachine.EventFactory events) {
    }
}
