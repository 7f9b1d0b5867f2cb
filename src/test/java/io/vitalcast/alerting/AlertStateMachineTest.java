package io.vitalcast.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AlertStateMachineTest {
    private static final AlertStateMachine.Observation ABNORMAL =
        new AlertStateMachine.Observation(true, false, Severity.WARNING);
    private static final AlertStateMachine.Observation SEVERE =
        new AlertStateMachine.Observation(true, false, Severity.CRITICAL);
    private static final AlertStateMachine.Observation NORMAL =
        new AlertStateMachine.Observation(false, true, Severity.WARNING);
    /** Below the enter threshold but above the exit threshold: neither opens nor counts towards resolving. */
    private static final AlertStateMachine.Observation BAND =
        new AlertStateMachine.Observation(false, false, Severity.WARNING);

    private static AlertPolicy policy(int sustain, int window, int clear, Duration reAlert, Duration criticalAfter) {
        return new AlertPolicy(0, sustain, clear, AlertDirection.BOTH, 1, window, 1, reAlert, 3, criticalAfter, 10,
            0.5, 1);
    }

    /** Runs observations one per second from t=0 and collects the events. */
    private static final class Run {
        final AlertPolicy policy;
        final AlertContext context;
        AlertStatus status = AlertStatus.idle();
        final List<AlertEvent> events = new ArrayList<>();
        long second;

        Run(AlertPolicy policy, AlertContext context) {
            this.policy = policy;
            this.context = context;
        }

        Run feed(AlertStateMachine.Observation... seen) {
            for (AlertStateMachine.Observation o : seen) {
                SeriesStep step = new SeriesStep("p-1", "heart_rate", second++ * 1000, 80);
                status = AlertStateMachine.step(status, o, policy, AlertKind.DEVIATION, step, context,
                    (id, severity, state, suppressed) -> new AlertEvent(id, "p-1", "heart_rate", AlertKind.DEVIATION,
                        severity, state, java.time.Instant.ofEpochMilli(step.timeMs()), 80.0, null, null, null, null,
                        "bpm", "m", null, suppressed), events);
            }
            return this;
        }

        List<AlertState> states() {
            return events.stream().map(AlertEvent::state).toList();
        }
    }

    private static Run run(AlertPolicy policy) {
        return new Run(policy, AlertContext.unlimited());
    }

    @Test
    void shouldOpenWhenMOfTheLastNStepsAreAbnormalEvenWithGapsBetweenThem() {
        Run run = run(policy(3, 5, 2, Duration.ZERO, Duration.ZERO))
            .feed(ABNORMAL, BAND, ABNORMAL, BAND);

        assertThat(run.events).isEmpty();
        run.feed(ABNORMAL);
        assertThat(run.states()).containsExactly(AlertState.OPEN);
        assertThat(run.events.get(0).timestamp().toEpochMilli()).isEqualTo(4000);
    }

    @Test
    void shouldNotOpenWhenTheAbnormalStepsAreSpreadWiderThanTheWindow() {
        Run run = run(policy(3, 5, 2, Duration.ZERO, Duration.ZERO))
            .feed(ABNORMAL, NORMAL, NORMAL, ABNORMAL, NORMAL, NORMAL, ABNORMAL, NORMAL, NORMAL, ABNORMAL);

        assertThat(run.events).isEmpty();
    }

    @Test
    void shouldKeepTheConsecutiveRuleWhenTheWindowEqualsTheSustainSteps() {
        Run run = run(new AlertPolicy(0, 2, 1, AlertDirection.BOTH)).feed(ABNORMAL, NORMAL, ABNORMAL);

        assertThat(run.events).isEmpty();
        run.feed(ABNORMAL);
        assertThat(run.states()).containsExactly(AlertState.OPEN);
    }

    @Test
    void shouldStayOpenInTheHysteresisBandAndResolveOnlyAfterClearStepsBelowTheExitThreshold() {
        Run run = run(policy(1, 1, 2, Duration.ZERO, Duration.ZERO))
            .feed(ABNORMAL, BAND, NORMAL, BAND, NORMAL);

        assertThat(run.states()).containsExactly(AlertState.OPEN);
        run.feed(NORMAL);
        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(run.events.get(1).alertId()).isEqualTo(run.events.get(0).alertId());
    }

    @Test
    void shouldHoldBackANewAlertWithinTheReAlertIntervalAndOpenItWhenTheIntervalEndsIfStillAbnormal() {
        AlertContext context = AlertContext.unlimited();
        Run run = new Run(policy(1, 1, 1, Duration.ofSeconds(5), Duration.ZERO), context)
            .feed(ABNORMAL, NORMAL, ABNORMAL, ABNORMAL, ABNORMAL);

        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(context.suppressions()).containsExactly(
            new AlertContext.Suppression(AlertKind.DEVIATION, "realert"));
        run.feed(ABNORMAL, ABNORMAL);
        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN);
        assertThat(run.events.get(2).timestamp().toEpochMilli()).isEqualTo(6000);
        assertThat(run.events.get(2).alertId()).isNotEqualTo(run.events.get(0).alertId());
    }

    @Test
    void shouldEscalateToCriticalAsAnUpdateWithTheSameIdWhenTheScorePassesTheTier() {
        Run run = run(policy(1, 1, 1, Duration.ZERO, Duration.ZERO)).feed(ABNORMAL, ABNORMAL, SEVERE, SEVERE);

        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.UPDATE);
        assertThat(run.events.get(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(run.events.get(1).alertId()).isEqualTo(run.events.get(0).alertId());
    }

    @Test
    void shouldEscalateToCriticalWhenTheAlertStaysOpenLongerThanTheCriticalDuration() {
        Run run = run(policy(1, 1, 2, Duration.ZERO, Duration.ofSeconds(3))).feed(ABNORMAL, ABNORMAL, BAND);

        assertThat(run.states()).containsExactly(AlertState.OPEN);
        run.feed(ABNORMAL);
        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.UPDATE);
        assertThat(run.events.get(1).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(run.events.get(1).timestamp().toEpochMilli()).isEqualTo(3000);
    }

    @Test
    void shouldHoldBackAlertsBeyondTheHourlyCapAndReportHowManyWithTheNextAlert() {
        AlertContext context = new AlertContext(id -> null, PatientAlertBudget.empty(), 2);
        Run run = new Run(policy(1, 1, 1, Duration.ZERO, Duration.ZERO), context)
            .feed(ABNORMAL, NORMAL, ABNORMAL, NORMAL, ABNORMAL, NORMAL, ABNORMAL, NORMAL);

        assertThat(run.events.stream().filter(e -> e.state() == AlertState.OPEN)).hasSize(2);
        assertThat(context.suppressions()).containsExactly(
            new AlertContext.Suppression(AlertKind.DEVIATION, "cap"),
            new AlertContext.Suppression(AlertKind.DEVIATION, "cap"));
        assertThat(context.budget().suppressed()).isEqualTo(2);

        run.second = 3_601;
        run.feed(ABNORMAL);
        AlertEvent next = run.events.get(run.events.size() - 1);
        assertThat(next.state()).isEqualTo(AlertState.OPEN);
        assertThat(next.suppressed()).isEqualTo(2);
        assertThat(context.budget().suppressed()).isZero();
    }

    @Test
    void shouldNotEscalateAnAcknowledgedAlertButStillResolveIt() {
        List<String> acked = new ArrayList<>();
        AlertContext context = new AlertContext(id -> acked.contains(id)
            ? new Acknowledgement(id, "p-1", Acknowledgement.Action.ACK, -1, "nurse") : null,
            PatientAlertBudget.empty(), 0);
        Run run = new Run(policy(1, 1, 1, Duration.ZERO, Duration.ZERO), context).feed(ABNORMAL);
        acked.add(run.events.get(0).alertId());
        run.feed(SEVERE, SEVERE, NORMAL);

        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(context.suppressions()).containsExactly(
            new AlertContext.Suppression(AlertKind.DEVIATION, "acknowledged"));
        assertThat(context.resolved()).containsExactly(run.events.get(0).alertId());
        run.feed(ABNORMAL);
        assertThat(run.states()).endsWith(AlertState.OPEN);
    }

    @Test
    void shouldNotOpenANewAlertOfTheKindUntilTheSnoozeOfAResolvedOneEnds() {
        List<String> snoozed = new ArrayList<>();
        AlertContext context = new AlertContext(id -> snoozed.contains(id)
            ? new Acknowledgement(id, "p-1", Acknowledgement.Action.SNOOZE, 6_000, null) : null,
            PatientAlertBudget.empty(), 0);
        Run run = new Run(policy(1, 1, 1, Duration.ZERO, Duration.ZERO), context).feed(ABNORMAL);
        snoozed.add(run.events.get(0).alertId());
        run.feed(NORMAL, ABNORMAL, ABNORMAL, ABNORMAL, ABNORMAL);

        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        run.feed(ABNORMAL);
        assertThat(run.states()).containsExactly(AlertState.OPEN, AlertState.RESOLVED, AlertState.OPEN);
        assertThat(run.events.get(2).timestamp().toEpochMilli()).isEqualTo(6000);
    }

    @Test
    void shouldDeriveTheEnterThresholdFromTheSensitivity() {
        AlertPolicy base = new AlertPolicy(1.0, 1, 1, AlertDirection.BOTH);
        AlertPolicy sensitive = new AlertPolicy(1.0, 1, 1, AlertDirection.BOTH, 2.0, 1, 0.5, Duration.ZERO, 3,
            Duration.ZERO, 10, 0.5, 1);

        assertThat(base.enterScore()).isEqualTo(2.0);
        assertThat(sensitive.enterScore()).isEqualTo(1.0);
        assertThat(sensitive.exitScore()).isEqualTo(0.5);
        assertThat(sensitive.criticalScore()).isEqualTo(3.0);
        assertThat(base.exitScore()).as("no hysteresis band by default").isEqualTo(2.0);
    }
}
