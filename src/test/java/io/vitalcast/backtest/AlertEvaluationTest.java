package io.vitalcast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AlertEvaluationTest {

    @Test
    void shouldCountAlertsWithinTheToleranceOfALabelAsTrue() {
        long[] events = {10_000, 20_000, 30_000, 40_000};
        long[] alerts = {10_500, 19_000, 33_000, 50_000};

        DetectionMetrics m = AlertEvaluation.evaluate(alerts, events, 1_000, 3_600_000);

        assertThat(m.truePositives()).isEqualTo(2);
        assertThat(m.detectedEvents()).isEqualTo(2);
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.recall()).isEqualTo(0.5);
        assertThat(m.f1()).isEqualTo(0.5, within(1e-12));
        assertThat(m.alertsPerHour()).isEqualTo(4.0);
        assertThat(m.falseAlarmsPerHour()).isEqualTo(2.0);
        assertThat(m.medianDelaySeconds()).isEqualTo(-0.25, within(1e-12));
    }

    @Test
    void shouldReportOnlyTheAlertRateWithoutLabels() {
        DetectionMetrics m = AlertEvaluation.evaluate(new long[] {1, 2, 3}, null, 1_000, 1_800_000);

        assertThat(m.alertsPerHour()).isEqualTo(6.0);
        assertThat(m.precision()).isNaN();
        assertThat(m.recall()).isNaN();
    }

    @Test
    void shouldFlagABeatShorterThan85PercentOfTheRecentMedianAsPremature() {
        double[] rr = {0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 1.0, 0.8, 0.69, 0.8};
        long[] times = new long[rr.length];
        for (int i = 1; i < rr.length; i++) {
            times[i] = times[i - 1] + Math.round(rr[i] * 1000);
        }

        long[] flagged = PrematureBeatRule.flag(times, rr);

        assertThat(flagged).containsExactly(times[9]);
    }
}
