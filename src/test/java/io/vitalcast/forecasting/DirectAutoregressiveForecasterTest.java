package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.vitalcast.data.Segment;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import org.junit.jupiter.api.Test;

class DirectAutoregressiveForecasterTest {
    private static final double C = 2;
    private static final double A = 1.6;
    private static final double B = -0.8;

    /** {@code x[t] = 2 + 1.6 x[t-1] - 0.8 x[t-2] + N(0, 1)}, started at its mean of 10. */
    private static double[] ar2(int length, long seed) {
        Random random = new Random(seed);
        double[] x = new double[length];
        x[0] = 10;
        x[1] = 10;
        for (int t = 2; t < length; t++) {
            x[t] = C + A * x[t - 1] + B * x[t - 2] + random.nextGaussian();
        }
        return x;
    }

    private static WindowDataset dataset(double[] values, int inputLength, int horizon) {
        Segment segment = new Segment(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofMinutes(1), values);
        return WindowDataset.create(List.of(segment), inputLength, horizon);
    }

    private static double rmseAt(Forecaster forecaster, double[] series, int order, int h) {
        double squared = 0;
        int count = 0;
        for (int end = order; end + h <= series.length; end++) {
            double[] history = Arrays.copyOfRange(series, end - order, end);
            double error = series[end + h - 1] - forecaster.forecast(history, h)[h - 1];
            squared += error * error;
            count++;
        }
        return Math.sqrt(squared / count);
    }

    @Test
    void shouldRecoverThePerStepCoefficientsOfAnAr2() {
        DirectAutoregressiveForecaster direct = DirectAutoregressiveForecaster.fit(List.of(ar2(20_000, 1)), 2, 2);

        assertThat(direct.intercept(0)).isCloseTo(C, within(0.2));
        assertThat(direct.coefficients(0)).containsExactly(new double[] {A, B}, within(0.01));
        assertThat(direct.intercept(1)).isCloseTo(C * (1 + A), within(0.5));
        assertThat(direct.coefficients(1)).as("x[t+2] = c(1+a) + (a^2+b) x[t] + ab x[t-1]")
            .containsExactly(new double[] {A * A + B, A * B}, within(0.02));
    }

    @Test
    void shouldGiveTheIteratedArForecastAtStepOneAndBeatItBeyondWhenTheOrderIsTooLow() {
        List<double[]> train = List.of(ar2(5_000, 2));
        double[] heldOut = ar2(5_000, 3);

        DirectAutoregressiveForecaster direct = DirectAutoregressiveForecaster.fit(train, 1, 4);
        AutoregressiveForecaster iterated = AutoregressiveForecaster.fit(train, 1);

        assertThat(direct.intercept(0)).isCloseTo(iterated.intercept(), within(1e-9));
        assertThat(direct.coefficients(0)[0]).isCloseTo(iterated.coefficients()[0], within(1e-12));
        for (int h = 2; h <= 4; h++) {
            assertThat(rmseAt(direct, heldOut, 1, h)).as("step %d", h)
                .isLessThan(rmseAt(iterated, heldOut, 1, h));
        }
    }

    @Test
    void shouldChooseALongerOrderWhenTheSeriesDependsOnALongLag() {
        Random random = new Random(4);
        double[] seasonal = new double[3_000];
        double[] shortMemory = new double[3_000];
        for (int t = 6; t < seasonal.length; t++) {
            seasonal[t] = 0.8 * seasonal[t - 6] + random.nextGaussian();
            shortMemory[t] = 0.8 * shortMemory[t - 1] + random.nextGaussian();
        }

        int seasonalOrder = DirectAutoregressiveForecaster.fitChoosingOrder(dataset(seasonal, 30, 5)).order();
        int shortOrder = DirectAutoregressiveForecaster.fitChoosingOrder(dataset(shortMemory, 30, 5)).order();

        assertThat(seasonalOrder).as("lag 6 needs p >= 6").isGreaterThanOrEqualTo(8);
        assertThat(shortOrder).isLessThan(seasonalOrder);
    }

    @Test
    void shouldLeaveOutCandidateOrdersLongerThanTheWindows() {
        DirectAutoregressiveForecaster direct = DirectAutoregressiveForecaster.fitChoosingOrder(
            dataset(ar2(2_000, 5), 10, 3), List.of(1, 4, 32));

        assertThat(direct.order()).isIn(1, 4);
        assertThat(direct.name()).isEqualTo("direct_ar_" + direct.order());
        assertThat(direct.horizon()).isEqualTo(3);
        assertThat(direct.isBaseline()).isTrue();
    }

    @Test
    void shouldNotLetRegressionRowsSpanTwoTrainingSeries() {
        double[] up = {1, 2, 3, 4, 5, 6};
        double[] later = {100, 101, 102, 103, 104, 105};

        DirectAutoregressiveForecaster direct = DirectAutoregressiveForecaster.fit(List.of(up, later), 1, 2);

        assertThat(direct.forecast(new double[] {7}, 2)).as("a jump 6 -> 100 would break the fit")
            .containsExactly(new double[] {8, 9}, within(1e-6));
    }

    @Test
    void shouldFailAsAUserErrorWithTooLittleTrainingData() {
        assertThatThrownBy(() -> DirectAutoregressiveForecaster.fit(List.of(new double[] {1, 2, 3, 4, 5}), 2, 3))
            .isInstanceOf(UserException.class)
            .hasMessage("direct AR(2) at step 3 needs more than 3 training rows, got 1");
    }

    @Test
    void shouldFailAsAUserErrorWithoutValidationWindows() {
        WindowDataset tooShort = dataset(ar2(60, 6), 10, 3);

        assertThatThrownBy(() -> DirectAutoregressiveForecaster.fitChoosingOrder(tooShort))
            .isInstanceOf(UserException.class)
            .hasMessageStartingWith("choosing the direct AR order needs validation windows of 10+3 steps");
    }

    @Test
    void shouldRejectProgrammingErrorsAsIllegalArguments() {
        DirectAutoregressiveForecaster direct = new DirectAutoregressiveForecaster(new double[] {0, 0},
            new double[][] {{1}, {1}});

        assertThatThrownBy(() -> DirectAutoregressiveForecaster.fit(List.of(ar2(100, 7)), 0, 2))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> direct.forecast(new double[] {1}, 3))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("direct_ar_1 was fitted for 2 steps, asked for 3");
        assertThatThrownBy(() -> DirectAutoregressiveForecaster.fitChoosingOrder(dataset(ar2(400, 8), 10, 3),
            List.of(16, 32)))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
