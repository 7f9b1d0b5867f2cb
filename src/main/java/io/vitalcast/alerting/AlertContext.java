package io.vitalcast.alerting;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the alert policy needs beyond one series' own state, for one step of one patient: the acknowledgements of
 * the patient's alerts, the patient's hourly alert budget, and, as the step runs, which alerts were held back and
 * which resolved (so that the processor can count them and forget their acknowledgements). One instance per step;
 * not thread-safe.
 */
public final class AlertContext {
    /** Why the alert policy holds an alert back, as counted in {@code vitalcast_alerts_suppressed_total}. */
    public static final List<String> SUPPRESSION_REASONS = java.util.List.of("realert", "snoozed", "acknowledged",
        "cap");
    private final Function<String, Acknowledgement> acks;
    private final int maxPerHour;
    private PatientAlertBudget budget;
    private boolean budgetChanged;
    private final List<Suppression> suppressions = new ArrayList<>();
    private final List<String> resolved = new ArrayList<>();

    /**
     * An alert held back instead of published.
     *
     * @param kind   its kind
     * @param reason {@code realert} (within the re-alert interval), {@code snoozed} (a snoozed alert of the kind
     *               resolved and the snooze runs), {@code acknowledged} (an escalation of an acknowledged alert) or
     *               {@code cap} (the patient's alerts per hour)
     */
    public record Suppression(AlertKind kind, String reason) {
    }

    /**
     * @param acks       the patient's acknowledgement of an alert id, or null
     * @param budget     the patient's alert budget
     * @param maxPerHour alerts per patient-hour; 0 for no cap
     */
    public AlertContext(Function<String, Acknowledgement> acks, PatientAlertBudget budget, int maxPerHour) {
        this.acks = acks;
        this.budget = budget;
        this.maxPerHour = maxPerHour;
    }

    /** No acknowledgements, no cap. */
    public static AlertContext unlimited() {
        return new AlertContext(id -> null, PatientAlertBudget.empty(), 0);
    }

    public Acknowledgement ackOf(String alertId) {
        return acks.apply(alertId);
    }

    /** Whether an alert may open now under the hourly cap; if so, it counts against it. */
    public boolean admit(long nowMs) {
        if (maxPerHour <= 0) {
            return true;
        }
        PatientAlertBudget next = budget.admit(nowMs, maxPerHour);
        if (next == null) {
            return false;
        }
        budget = next;
        budgetChanged = true;
        return true;
    }

    public void suppressed(AlertKind kind, String reason) {
        suppressions.add(new Suppression(kind, reason));
        if (reason.equals("cap")) {
            budget = budget.withSuppressed(budget.suppressed() + 1);
            budgetChanged = true;
        }
    }

    /** Alerts held back by the cap and not yet reported, now reported by the event being published; else null. */
    public Integer takeSuppressed() {
        if (budget.suppressed() == 0) {
            return null;
        }
        int count = budget.suppressed();
        budget = budget.withSuppressed(0);
        budgetChanged = true;
        return count;
    }

    public void resolved(String alertId) {
        resolved.add(alertId);
    }

    public PatientAlertBudget budget() {
        return budget;
    }

    public boolean budgetChanged() {
        return budgetChanged;
    }

    public List<Suppression> suppressions() {
        return List.copyOf(suppressions);
    }

    /** Ids of the alerts that resolved in this step. */
    public List<String> resolved() {
        return List.copyOf(resolved);
    }
}
