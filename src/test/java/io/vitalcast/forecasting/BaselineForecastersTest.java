package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class BaselineForecastersTest {

    @Test
    void shouldRepeatTheLastValueForPersistence() {
        Forecaster persistence = new PersistenceForecaster();

        assertThat(persistence.forecast(new double[] {70, 72, 75}, 3)).containsExactly(75, 75, 75);
        assertThat(persistence.isBaseline()).isTrue();
    }

    @Test
    void shouldAverageTheLastKValues() {
        Forecaster average = new MovingAverageForecaster(2);

        assertThat(average.forecast(new double[] {10, 70, 74}, 2)).containsExactly(72, 72);
        assertThat(average.name()).isEqualTo("moving_average_2");
    }

    @Test
    void shouldRejectTooShortHistoryNamingTheForecaster() {
        assertThatThrownBy(() -> new MovingAverageForecaster(5).forecast(new double[] {1, 2}, 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("moving_average_5 needs at least 5 history values, got 2");
    }

    @Test
    void shouldRecoverTheCoefficientsOfANoiselessAr2() {
        double[] series = new double[80];
        series[0] = 10;
        series[1] = 12;
        for (int t = 2; t < series.length; t++) {
            series[t] = 2 + 1.6 * series[t - 1] - 0.8 * series[t - 2];
        }

        AutoregressiveForecaster ar = AutoregressiveForecaster.fit(List.of(series), 2);

        assertThat(ar.intercept()).isCloseTo(2, within(1e-6));
        assertThat(ar.coefficients()[0]).isCloseTo(1.6, within(1e-8));
        assertThat(ar.coefficients()[1]).isCloseTo(-0.8, within(1e-8));
    }

    @Test
    void shouldIterateArForecastsOverTheHorizon() {
        AutoregressiveForecaster ar = new AutoregressiveForecaster(1, new double[] {0.5, 0.25});

        double[] forecast = ar.forecast(new double[] {99, 4, 8}, 2);

        assertThat(forecast[0]).isEqualTo(1 + 0.5 * 8 + 0.25 * 4);
        assertThat(forecast[1]).isEqualTo(1 + 0.5 * 6 + 0.25 * 8);
    }

    @Test
    void shouldNotLetArRowsSpanTwoTrainingSeries() {
        double[] up = {1, 2, 3, 4, 5, 6};
        double[] later = {100, 101, 102, 103, 104, 105};

        AutoregressiveForecaster ar = AutoregressiveForecaster.fit(List.of(up, later), 1);

        assertThat(ar.forecast(new double[] {7}, 1)[0]).as("a jump 6 -> 100 would break the fit")
            .isCloseTo(8, within(1e-6));
    }

    @Test
    void shouldForecastALineExactlyWithHolt() {
        double[] line = {3, 5, 7, 9, 11, 13};
        HoltForecaster holt = new HoltForecaster(0.3, 0.1);

        assertThat(holt.forecast(line, 3)).containsExactly(15, 17, 19);
    }

    @Test
    void shouldFollowATrendWhenFittedOnNoisyDrift() {
        double[] series = new double[60];
        for (int t = 0; t < series.length; t++) {
            series[t] = 60 + 0.5 * t + (t % 2 == 0 ? 0.3 : -0.3);
        }

        HoltForecaster holt = HoltForecaster.fit(List.of(series));

        assertThat(holt.alpha()).isBetween(0.05, 1.0);
        double forecast = holt.forecast(series, 1)[0];
        assertThat(forecast).isCloseTo(60 + 0.5 * 60, within(1.0));
    }

    @Test
    void shouldFitHoltToAlphaOneOnARandomWalkLikeStep() {
        double[] steps = {0, 0, 0, 10, 10, 10, 10, 10, 10, 10};

        HoltForecaster holt = HoltForecaster.fit(List.of(steps));

        assertThat(holt.forecast(steps, 1)[0]).isCloseTo(10, within(1.0));
    }
}
