/**
 * The alert engine: how one series' observations become OPEN, UPDATE and RESOLVED alert events that a clinician can
 * trust, with no Kafka in sight.
 *
 * <p>How the parts fit: each step, the series logic observes every alert kind ({@link io.vitalcast.alerting.AlertKind})
 * and hands the observation to the one state machine, {@link io.vitalcast.alerting.AlertStateMachine}, which moves
 * the kind's {@link io.vitalcast.alerting.AlertStatus} under the signal's {@link io.vitalcast.alerting.AlertPolicy}
 * (m-of-n, hysteresis, re-alert interval, escalation). What the machine needs beyond the series comes through an
 * {@link io.vitalcast.alerting.AlertContext}: the patient's {@link io.vitalcast.alerting.Acknowledgement}s and hourly
 * {@link io.vitalcast.alerting.PatientAlertBudget}, and the record of what was held back and what resolved.
 * {@link io.vitalcast.alerting.AnomalyScore} puts every model's residuals on one scale and
 * {@link io.vitalcast.alerting.CrossingProbability} reads forecast intervals as the probability of crossing a
 * {@link io.vitalcast.alerting.ClinicalLimits} bound. {@link io.vitalcast.alerting.AlertSettings} holds the limits
 * and policies of every signal.
 *
 * <p>Everything here is a pure function of stored state and the step: the same readings give the same alerts, with
 * the same ids, online and in a backtest.
 */
package io.vitalcast.alerting;
