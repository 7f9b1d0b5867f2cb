package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.forecasting.StatefulLstmForecaster;
import io.vitalcast.metrics.TrainingMetrics;
import io.vitalcast.training.EpochReport;
import io.vitalcast.training.TrainingResult;
import org.junit.jupiter.api.Test;

class DemoTrainingTest {

    @Test
    void shouldTrainTheStatefulKindOnTheDemoReadingsFeedingEveryTrainingPanel() throws IOException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        ForecasterTraining.Trained trained = DemoTraining.run(DemoCommand.sampleReadings(Path.of("samples")),
            registry);

        TrainingResult result = trained.training();
        EpochReport last = result.history().get(result.history().size() - 1);
        assertThat(trained.forecaster()).isInstanceOf(StatefulLstmForecaster.class);
        assertThat(registry.get(TrainingMetrics.STEPS).counter().count()).isEqualTo(result.steps()).isPositive();
        assertThat(registry.get(TrainingMetrics.CLIPPED).counter().count()).isEqualTo(result.clippedSteps());
        assertThat(registry.get(TrainingMetrics.LOSS).tag("phase", "batch").gauge().value()).isFinite();
        assertThat(registry.get(TrainingMetrics.LOSS).tag("phase", "train").gauge().value())
            .isEqualTo(last.trainLoss()).isFinite();
        assertThat(registry.get(TrainingMetrics.LOSS).tag("phase", "validation").gauge().value())
            .isEqualTo(last.validationLoss()).isFinite();
        assertThat(registry.get(TrainingMetrics.GRADIENT_NORM).gauge().value()).isPositive();
        assertThat(registry.get(TrainingMetrics.EPOCH).gauge().value()).isEqualTo(result.history().size());
    }
}
