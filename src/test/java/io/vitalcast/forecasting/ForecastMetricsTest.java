package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    @Test
    void shouldComputeErrorsPerHorizonStepByHand() {
        double[][] forecasts = {{10, 20}, {10, 20}};
        double[][] actuals = {{11, 23}, {7, 24}};
        ConformalIntervals intervals = new ConformalIntervals(new double[] {2, 3.5}, 0.9);

        ForecastMetrics metrics = ForecastMetrics.compute(forecasts, actuals, 2.0, intervals);

        assertThat(metrics.mae()).containsExactly(2, 3.5);
        assertThat(metrics.rmse()[0]).isCloseTo(Math.sqrt(5), within(1e-12));
        assertThat(metrics.rmse()[1]).isCloseTo(Math.sqrt(12.5), within(1e-12));
        assertThat(metrics.mase()).containsExactly(1, 1.75);
        assertThat(metrics.coverage()).containsExactly(0.5, 0.5);
        assertThat(metrics.meanWidth()).containsExactly(4, 7);
    }

    @Test
    void shouldScaleMaseByTrainingOneStepPersistenceErrorWithinSeries() {
        double scale = ForecastMetrics.persistenceScale(List.of(new double[] {1, 2, 4}, new double[] {100, 103}));

        assertThat(scale).isEqualTo((1 + 2 + 3) / 3.0);
    }

    @Test
    void shouldReportNaNCoverageWithoutIntervals() {
        ForecastMetrics metrics = ForecastMetrics.compute(new double[][] {{1}}, new double[][] {{2}}, 1, null);

        assertThat(metrics.coverage()[0]).isNaN();
        assertThat(metrics.mae()[0]).isEqualTo(1);
    }
}
