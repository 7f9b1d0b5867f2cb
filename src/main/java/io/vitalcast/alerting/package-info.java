/**
 * The alert engine: how one series' observations become OPEN, UPDATE and RESOLVED alert events that a clinician can
 * trust, with no Kafka in sight.
 *
 * <p>How the parts fit: every {@link io.vitalcast.alerting.AlertKind} names the {@link io.vitalcast.alerting.AlertRule}
 * that looks for it (DEVIATION, LIMIT, PREDICTED_LIMIT and the technical SENSOR kind, one class each). At each step
 * the series logic gathers what the rules may know into {@link io.vitalcast.alerting.StepFacts}, and the
 * {@link io.vitalcast.alerting.AlertEngine} asks each rule what it sees and moves the kind's
 * {@link io.vitalcast.alerting.AlertStatus} through the one {@link io.vitalcast.alerting.AlertStateMachine} under the
 * kind's {@link io.vitalcast.alerting.AlertPolicy} (m-of-n, hysteresis, re-alert interval, escalation): technical
 * kinds first, and the clinical kinds frozen while the signal is doubted. The kinds' states travel together as
 * {@link io.vitalcast.alerting.AlertStates}. A new alert kind is one rule class and one enum constant.
 *
 * <p>What the machine needs beyond the series comes through an {@link io.vitalcast.alerting.AlertContext}: the
 * patient's {@link io.vitalcast.alerting.Acknowledgement}s and hourly {@link io.vitalcast.alerting.PatientAlertBudget}
 * (clinical kinds only), and the record of what was held back and what resolved.
 * {@link io.vitalcast.alerting.AnomalyScore} puts every model's residuals on one scale and
 * {@link io.vitalcast.alerting.CrossingProbability} reads forecast intervals as the probability of crossing a
 * {@link io.vitalcast.alerting.ClinicalLimits} bound. {@link io.vitalcast.alerting.AlertSettings} holds the limits
 * and policies of every signal.
 *
 * <p>Everything here is a pure function of stored state and the step: the same readings give the same alerts, with
 * the same ids, online and in a backtest.
 */
package io.vitalcast.alerting;
