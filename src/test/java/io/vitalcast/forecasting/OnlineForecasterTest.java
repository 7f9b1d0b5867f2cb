package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OnlineForecasterTest {
    private final ModelRegistry baselines = ModelRegistry.baselines();

    @Test
    void shouldForecastTheSinusRhythmLearnedOverTheWholeHistoryAsTheStreamDoes() {
        double[] history = {0.80, 0.81, 0.79, 0.80, 0.52, 1.08, 0.80, 0.81, 0.79, 0.80};
        SinusRhythm rhythm = SinusRhythm.start();
        for (double interval : history) {
            rhythm = rhythm.judge(interval).next();
        }

        Forecaster forecaster = new OnlineForecaster(baselines.modelOf("rr_interval"));
        double[] forecast = forecaster.forecast(history, 3);

        assertThat(forecaster.name()).isEqualTo("sinus-rhythm");
        assertThat(forecaster.isBaseline()).isTrue();
        assertThat(forecast).containsOnly(rhythm.expected());
        assertThat(rhythm.expected()).as("the premature beat and its pause are not learned").isBetween(0.79, 0.81);
    }

    @Test
    void shouldForecastAWindowModelFromTheEndOfTheHistory() {
        Forecaster persistence = new OnlineForecaster(baselines.modelOf("heart_rate"));

        assertThat(persistence.forecast(new double[] {70, 72, 75}, 2)).containsExactly(75, 75);
    }

    @Test
    void shouldRefuseMoreStepsThanTheModelForecastsOrTooShortAHistory() {
        OnlineModel rhythm = baselines.modelOf("rr_interval");
        Forecaster forecaster = new OnlineForecaster(rhythm);

        assertThatThrownBy(() -> forecaster.forecast(new double[] {0.8, 0.8, 0.8, 0.8, 0.8}, rhythm.horizon() + 1))
            .hasMessageContaining("asked for " + (rhythm.horizon() + 1));
        assertThatThrownBy(() -> forecaster.forecast(new double[] {0.8}, 1)).hasMessageContaining("at least");
    }
}
