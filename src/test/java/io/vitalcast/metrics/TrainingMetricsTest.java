package io.vitalcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.training.AddingProblem;
import io.vitalcast.training.Trainer;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingResult;
import org.junit.jupiter.api.Test;

class TrainingMetricsTest {

    @Test
    void shouldExportLossGradientNormAndClippingOfARealTrainingRun() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TrainingMetrics metrics = new TrainingMetrics(registry, "heart_rate");
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(2, 4, 1, 1), Initialization.defaults(),
            1L);

        TrainingResult result = new Trainer(TrainingConfig.defaults().withEpochs(2).withBatchSize(16)
            .withClipping(0.01, 0)).withListener(metrics).train(network, AddingProblem.generate(160, 10, 1L));

        assertThat(registry.get(TrainingMetrics.STEPS).counter().count()).isEqualTo(result.steps());
        assertThat(registry.get(TrainingMetrics.CLIPPED).counter().count()).isEqualTo(result.clippedSteps());
        assertThat(registry.get(TrainingMetrics.LOSS).tag("phase", "train").gauge().value())
            .isEqualTo(result.finalTrainLoss());
        assertThat(registry.get(TrainingMetrics.LOSS).tag("phase", "validation").gauge().value()).isPositive();
        assertThat(registry.get(TrainingMetrics.GRADIENT_NORM).gauge().value()).isPositive();
        assertThat(registry.get(TrainingMetrics.EPOCH).gauge().value()).isEqualTo(2.0);
    }

    @Test
    void shouldKeepTheLastRunsValuesOnceItsMetricsObjectIsGone() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        trainAndForget(registry);
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(registry.get(TrainingMetrics.LOSS).tag("phase", "train").gauge().value()).isPositive();
        assertThat(registry.get(TrainingMetrics.EPOCH).gauge().value()).isEqualTo(1.0);
    }

    private static void trainAndForget(SimpleMeterRegistry registry) {
        RecurrentNetwork network = RecurrentNetwork.create(Architecture.lstm(2, 4, 1, 1), Initialization.defaults(),
            1L);
        new Trainer(TrainingConfig.defaults().withEpochs(1).withBatchSize(16))
            .withListener(new TrainingMetrics(registry, "spo2")).train(network, AddingProblem.generate(64, 10, 1L));
    }
}
