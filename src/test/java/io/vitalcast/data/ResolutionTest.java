package io.vitalcast.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResolutionTest {

    @Test
    void shouldRoundToATenthExceptSecondsToAMillisecond() {
        assertThat(Resolution.round("bpm", 72.41234567891234)).isEqualTo(72.4);
        assertThat(Resolution.round("%", 95.65)).isEqualTo(95.7);
        assertThat(Resolution.round("bpm", -0.05)).isEqualTo(-0.1);
        assertThat(Resolution.round("s", 0.81234)).isEqualTo(0.812);
        assertThat(Resolution.round("bpm", (Double) null)).isNull();
        assertThat(Resolution.round("bpm", Double.NaN)).isNaN();
        assertThat(Double.toString(Resolution.round("mmHg", 80.30000000000001))).isEqualTo("80.3");
    }
}
