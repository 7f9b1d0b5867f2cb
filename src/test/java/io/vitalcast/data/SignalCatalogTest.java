package io.vitalcast.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.vitalcast.errors.UserException;
import org.junit.jupiter.api.Test;

class SignalCatalogTest {

    @Test
    void shouldRejectUnknownSignalListingKnownOnes() {
        assertThatThrownBy(() -> SignalCatalog.defaults().spec("temperature"))
            .isInstanceOf(UserException.class)
            .hasMessageContaining("'temperature'")
            .hasMessageContaining("heart_rate, spo2, resp_rate, rr_interval");
    }

    @Test
    void shouldLeaveFixedStepToBeConfiguredPerSource() {
        SignalSpec spec = SignalCatalog.defaults().spec("heart_rate", Duration.ofMinutes(1));

        assertThat(SignalCatalog.defaults().spec("heart_rate").step()).isNull();
        assertThat(SignalCatalog.defaults().spec("heart_rate").isEventDriven()).isFalse();
        assertThat(spec.step()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldTreatRrIntervalAsEventDriven() {
        SignalSpec spec = SignalCatalog.defaults().spec("rr_interval");

        assertThat(spec.isEventDriven()).isTrue();
        assertThatThrownBy(() -> spec.withStep(Duration.ofSeconds(1))).hasMessageContaining("event-driven");
    }

    @Test
    void shouldClassifyValuesBySensorOffThenRange() {
        SignalSpec spo2 = SignalCatalog.defaults().spec("spo2");

        assertThat(spo2.check(0)).contains(InvalidReason.SENSOR_OFF);
        assertThat(spo2.check(40)).contains(InvalidReason.OUT_OF_RANGE);
        assertThat(spo2.check(Double.NaN)).contains(InvalidReason.NOT_FINITE);
        assertThat(spo2.check(97)).isEmpty();
    }

    @Test
    void shouldMakeNullStepEventDrivenInTheShortConstructor() {
        assertThat(new SignalSpec("x", "u", 0, 1, null, null, 2).isEventDriven()).isTrue();
        assertThat(new SignalSpec("x", "u", 0, 1, null, Duration.ofSeconds(1), 2).isEventDriven()).isFalse();
    }
}
