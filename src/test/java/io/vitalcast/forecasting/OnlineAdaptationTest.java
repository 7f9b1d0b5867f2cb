package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class OnlineAdaptationTest {

    @Test
    void shouldLearnAModelsBiasOnThePatientAndCorrectItAfterTheWarmUp() {
        Random random = new Random(1);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        for (int t = 0; t < OnlineAdaptation.WARM_UP - 1; t++) {
            adaptation = adaptation.observe(new double[] {2 + random.nextGaussian()});
        }
        assertThat(adaptation.offsets(1)).as("during the warm-up").containsExactly(0);

        for (int t = 0; t < 300; t++) {
            adaptation = adaptation.observe(new double[] {2 + random.nextGaussian()});
        }

        assertThat(adaptation.applies(1)).isTrue();
        assertThat(adaptation.offsets(1)[0]).isCloseTo(2, within(0.5));
    }

    @Test
    void shouldNotCorrectAnUnbiasedModelWhereTheCorrectionDoesNotHelp() {
        Random random = new Random(2);
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        double raw = 0;
        double published = 0;
        for (int t = 0; t < 20_000; t++) {
            double error = random.nextGaussian();
            double offset = adaptation.offsets(1)[0];
            raw += error * error;
            published += (error - offset) * (error - offset);
            adaptation = adaptation.observe(new double[] {error});
        }

        assertThat(published / raw).as("mean squared error, corrected over raw").isLessThan(1.01);
    }

    @Test
    void shouldKeepEachHorizonStepApartAndSkipStepsNotScored() {
        OnlineAdaptation adaptation = OnlineAdaptation.none();
        for (int t = 0; t < 200; t++) {
            adaptation = adaptation.observe(new double[] {0.1 * ((t % 2) * 2 - 1), Double.NaN, 5});
        }

        assertThat(adaptation.count()).isEqualTo(200);
        assertThat(adaptation.bias()[1]).isZero();
        assertThat(adaptation.offsets(3)[2]).isCloseTo(5, within(0.2));
        assertThat(adaptation.offsets(3)[1]).isZero();
    }
}
