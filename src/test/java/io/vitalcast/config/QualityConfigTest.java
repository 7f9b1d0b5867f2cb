package io.vitalcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.vitalcast.data.SignalCatalog;
import io.vitalcast.quality.QualitySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QualityConfigTest {
    private static final Map<String, String> BOOTSTRAP_ENV = Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:9092");

    private static VitalcastConfig loadWith(String... assignments) {
        return VitalcastConfig.load(null, BOOTSTRAP_ENV,
            java.util.Arrays.stream(assignments).map(a -> ConfigLayers.assignment(a, "--set")).toList());
    }

    @Test
    void shouldKeepTheCatalogsQualityThresholdsByDefault() {
        VitalcastConfig config = VitalcastConfig.load(null, BOOTSTRAP_ENV, List.of());

        assertThat(config.signals().get("ecg_heart_rate").quality())
            .isEqualTo(SignalCatalog.defaults().spec("ecg_heart_rate").quality());
    }

    @Test
    void shouldOverrideASignalsQualityThresholdsOneByOne() {
        VitalcastConfig config = loadWith("vitalcast.quality.heart_rate.flat.steps=0",
            "vitalcast.quality.heart_rate.max.jump=35", "vitalcast.quality.heart_rate.saturation.high=none",
            "vitalcast.quality.heart_rate.clear.steps=4");

        QualitySpec quality = config.signals().get("heart_rate").quality();
        assertThat(quality.flatSteps()).isZero();
        assertThat(quality.maxJumpPerStep()).isEqualTo(35);
        assertThat(quality.saturationHigh()).isNaN();
        assertThat(quality.saturationLow()).isEqualTo(SignalCatalog.defaults().spec("heart_rate").quality()
            .saturationLow());
        assertThat(quality.clearSteps()).isEqualTo(4);
        assertThat(config.toStreamingSettings().signals().get("heart_rate").quality()).isEqualTo(quality);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vitalcast.quality.heart_rate.flat.steps=1   | vitalcast.quality.heart_rate.flat.steps: expected 0 (off) or an integer >= 2, got '1'",
        "vitalcast.quality.heart_rate.flat.steps=-3  | vitalcast.quality.heart_rate.flat.steps: expected an integer >= 0, got '-3'",
        "vitalcast.quality.spo2.max.jump=0           | vitalcast.quality.spo2.max.jump: expected a number > 0 or 'none', got '0'",
        "vitalcast.quality.spo2.max.jump=big         | vitalcast.quality.spo2.max.jump: expected a number or 'none', got 'big'",
        "vitalcast.quality.resp_rate.saturation.low=90 | vitalcast.quality.resp_rate.saturation.low: saturation low 90.0 must be below saturation high 80.0",
        "vitalcast.quality.spo2.clear.steps=0        | vitalcast.quality.spo2.clear.steps: expected an integer >= 1, got '0'",
        "vitalcast.quality.temperature.max.jump=1    | vitalcast.quality.temperature.max.jump: unknown signal 'temperature'",
        "vitalcast.quality.spo2.jump=1               | vitalcast.quality.spo2.jump: unknown key",
    })
    void shouldFailNamingTheQualityKey(String assignment, String message) {
        assertThatThrownBy(() -> loadWith(assignment)).isInstanceOf(ConfigException.class)
            .hasMessageContaining(message);
    }
}
