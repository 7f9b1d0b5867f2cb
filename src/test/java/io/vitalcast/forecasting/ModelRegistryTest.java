package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.modelfile.ModelFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    private static final Path HEART_RATE_MODEL = Path.of("src/test/resources/io/vitalcast/streaming/"
        + "heart_rate-window.json");

    @TempDir
    Path models;

    private Path copy(String name) throws Exception {
        return Files.copy(HEART_RATE_MODEL, models.resolve(name));
    }

    private static Map<String, SignalSpec> signal(String name, Duration step) {
        return Map.of(name, SignalCatalog.defaults().spec(name, step));
    }

    @Test
    void shouldNameTheFileOfAModelForAnUnconfiguredSignal() throws Exception {
        Path file = copy("hr.json");

        assertThatThrownBy(() -> ModelRegistry.load(models, signal("spo2", Duration.ofMinutes(1))))
            .isInstanceOf(ModelFileException.class)
            .hasMessage(file + ": model for signal 'heart_rate', which is not configured");
    }

    @Test
    void shouldNameTheFileOfAModelTrainedAtAnotherStep() throws Exception {
        Path file = copy("hr.json");

        assertThatThrownBy(() -> ModelRegistry.load(models, signal("heart_rate", Duration.ofSeconds(1))))
            .isInstanceOf(ModelFileException.class)
            .hasMessage(file + ": model trained at step PT1M but heart_rate streams at step PT1S");
    }

    @Test
    void shouldNameBothFilesOfTwoModelsForOneSignal() throws Exception {
        Path first = copy("a.json");
        Path second = copy("b.json");

        assertThatThrownBy(() -> ModelRegistry.load(models, signal("heart_rate", Duration.ofMinutes(1))))
            .isInstanceOf(ModelFileException.class)
            .hasMessage("two models for signal heart_rate: " + first + " and " + second);
    }

    @Test
    void shouldRunTheBaselineEachSignalSpecNames() {
        SignalSpec heartRate = SignalCatalog.defaults().spec("heart_rate", Duration.ofSeconds(1));
        SignalSpec beats = new SignalSpec("beat_interval", "s", 0.2, 3.0, null, null, 5,
            SignalSpec.Sampling.EVENT_DRIVEN, heartRate.quality(), SignalSpec.Baseline.SINUS_RHYTHM);
        ModelRegistry registry = ModelRegistry.load(null, Map.of("heart_rate", heartRate, "beat_interval", beats));

        assertThat(registry.modelOf("heart_rate").kind()).isEqualTo(ModelKind.PERSISTENCE);
        assertThat(registry.modelOf("beat_interval").kind()).isEqualTo(ModelKind.SINUS_RHYTHM);
        assertThat(ModelRegistry.baselines().modelOf("rr_interval").kind()).isEqualTo(ModelKind.SINUS_RHYTHM);
        assertThat(ModelRegistry.baselines().modelOf("unknown").kind()).isEqualTo(ModelKind.PERSISTENCE);
    }
}
