package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;

import io.vitalcast.errors.UserException;
import org.junit.jupiter.api.Test;

class HorizonHoltForecasterTest {

    /** A mean-reverting level with noise: a trend that helps one step ahead misleads ten steps ahead. */
    private static double[] meanReverting(int length, long seed) {
        Random random = new Random(seed);
        double[] x = new double[length];
        double level = 80;
        for (int t = 0; t < length; t++) {
            level = 80 + 0.95 * (level - 80) + random.nextGaussian();
            x[t] = level + 0.5 * random.nextGaussian();
        }
        return x;
    }

    @Test
    void shouldNeverHaveAHigherStepErrorOnItsTrainingDataThanTheOneStepFittedHolt() {
        List<double[]> train = List.of(meanReverting(600, 1), meanReverting(400, 2));

        HorizonHoltForecaster perHorizon = HorizonHoltForecaster.fit(train, 30, 10);
        double[] oneStepFitted = HorizonHoltForecaster.squaredErrors(train, HoltForecaster.fit(train), 30, 10);

        for (int h = 0; h < 10; h++) {
            double own = HorizonHoltForecaster.squaredErrors(train, perHorizon.step(h), 30, 10)[h];
            assertThat(own).as("step %d", h + 1).isLessThanOrEqualTo(oneStepFitted[h]);
        }
        assertThat(HorizonHoltForecaster.squaredErrors(train, perHorizon.step(9), 30, 10)[9])
            .as("at step 10 the one-step constants are far from the best")
            .isLessThan(0.9 * oneStepFitted[9]);
    }

    @Test
    void shouldForecastEachStepWithThatStepsConstants() {
        HoltForecaster first = new HoltForecaster(0.3, 0.1);
        HoltForecaster second = new HoltForecaster(1.0, 0.0);
        double[] history = {70, 74, 71, 75, 73};

        double[] forecast = new HorizonHoltForecaster(List.of(first, second)).forecast(history, 2);

        assertThat(forecast[0]).isEqualTo(first.forecast(history, 1)[0]);
        assertThat(forecast[1]).isEqualTo(second.forecast(history, 2)[1]);
    }

    @Test
    void shouldForecastALineExactlyAtEveryStep() {
        double[] line = new double[100];
        for (int t = 0; t < line.length; t++) {
            line[t] = 3 + 2 * t;
        }

        HorizonHoltForecaster holt = HorizonHoltForecaster.fit(List.of(line), 20, 4);

        assertThat(holt.forecast(new double[] {11, 13, 15}, 4))
            .containsExactly(new double[] {17, 19, 21, 23}, within(1e-9));
        assertThat(holt.name()).isEqualTo("holt_per_horizon");
        assertThat(holt.isBaseline()).isTrue();
    }

    @Test
    void shouldFailAsAUserErrorWithTooLittleTrainingData() {
        assertThatThrownBy(() -> HorizonHoltForecaster.fit(List.of(new double[12], new double[5]), 10, 3))
            .isInstanceOf(UserException.class)
            .hasMessage("Holt per horizon needs a training series of at least 13 values for 10 steps of history "
                + "and 3 steps ahead");
    }

    @Test
    void shouldRejectAHorizonBeyondTheOneItWasFittedFor() {
        HorizonHoltForecaster holt = new HorizonHoltForecaster(List.of(new HoltForecaster(0.5, 0.1)));

        assertThatThrownBy(() -> holt.forecast(new double[] {1, 2, 3}, 2))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("holt_per_horizon was fitted for 1 steps, asked for 2");
    }
}
