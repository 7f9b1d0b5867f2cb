package io.vitalcast.app;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Reading;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.LstmForecasterSettings;
import io.vitalcast.metrics.TrainingMetrics;
import io.vitalcast.training.OptimizerType;
import io.vitalcast.training.TrainingConfig;

/**
 * The demo's background training run: a heart-rate model of the first ICU patient, trained as {@code train} trains
 * its default (stateful) kind, reporting to the service's registry so that the training panels (loss, gradient norm,
 * clipping) show a real run. The forecaster keeps the shipped models; the trained one is discarded.
 */
final class DemoTraining {
    static final String PATIENT = "icu-1";
    static final String SIGNAL = "heart_rate";
    /** A smaller network (16 hidden units) and fewer epochs (10) than {@code train}'s, light beside the demo. */
    static final ForecasterTraining TRAINING = new ForecasterTraining(ForecasterTraining.Kind.STATEFUL,
        new LstmForecasterSettings(30, 10, 16, 1, 8),
        TrainingConfig.defaults().withEpochs(10).withOptimizer(OptimizerType.ADAM, 0.003), 50, 0.9);

    private DemoTraining() {
    }

    /** Trains on the patient's heart rate among the demo's {@code readings}. */
    static ForecasterTraining.Trained run(List<Reading> readings, MeterRegistry registry) {
        SignalSpec spec = SignalCatalog.defaults().spec(SIGNAL, Duration.ofMinutes(1));
        List<PreparedSeries> series = List.of(SeriesBuilder.prepare(readings.stream()
            .filter(r -> r.patientId().equals(PATIENT) && r.signal().equals(SIGNAL)).toList(), spec));
        return TRAINING.train(series, TRAINING.windows(series), "demo: " + PATIENT + " heart rate",
            new TrainingMetrics(registry, SIGNAL));
    }
}
