package io.vitalcast.alerting;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs every alert kind's {@link AlertRule} on one step of one series and moves each kind through the
 * {@link AlertStateMachine}: technical kinds first, then, unless the signal is doubted after them (a technical alert
 * open or held back), the clinical kinds. A frozen clinical kind keeps its state: none opens, and one already open
 * stays open, neither escalated nor resolved, until the signal can be believed again. Stateless.
 */
public final class AlertEngine {
    private static final List<AlertKind> ORDER = order();

    private AlertEngine() {
    }

    /**
     * The kinds' states after the step; the events they publish are added to {@code out}.
     *
     * @param context the patient's acknowledgements and budget, which also records what was held back and resolved
     */
    public static AlertStates apply(AlertStates states, StepFacts facts, AlertContext context, List<AlertEvent> out) {
        AlertStates next = states;
        boolean doubted = false;
        for (AlertKind kind : ORDER) {
            if (kind.isClinical() && !doubted && next.signalDoubted()) {
                doubted = true;
            }
            if (doubted) {
                continue;
            }
            AlertRule rule = kind.rule();
            AlertRule.Finding finding = rule.observe(facts, next);
            if (finding != null) {
                next = next.with(kind, AlertStateMachine.step(next.of(kind), finding.observation(),
                    rule.policy(facts), kind, facts.step(), context, finding.events(), out));
            }
        }
        return next;
    }

    private static List<AlertKind> order() {
        List<AlertKind> order = new ArrayList<>();
        for (AlertKind kind : AlertKind.values()) {
            if (!kind.isClinical()) {
                order.add(kind);
            }
        }
        for (AlertKind kind : AlertKind.values()) {
            if (kind.isClinical()) {
                order.add(kind);
            }
        }
        return List.copyOf(order);
    }
}
