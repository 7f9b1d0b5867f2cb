package io.vitalcast.metrics;

import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vitalcast.training.BatchReport;
import io.vitalcast.training.EpochReport;
import io.vitalcast.training.TrainingListener;

/**
 * Exports a training run as it goes: the last batch loss, train and validation loss per epoch, the gradient norm
 * before clipping, and counters of updates and clipped updates (their ratio is the clipping rate). The gauges hold
 * their values strongly, so that the last run stays on the dashboard after its metrics object is gone (Micrometer's
 * gauges otherwise hold a weak reference and read NaN once it is collected).
 */
public final class TrainingMetrics implements TrainingListener {
    public static final String LOSS = "vitalcast.training.loss";
    public static final String GRADIENT_NORM = "vitalcast.training.gradient.norm";
    public static final String STEPS = "vitalcast.training.steps";
    public static final String CLIPPED = "vitalcast.training.clipped";
    public static final String EPOCH = "vitalcast.training.epoch";

    private final AtomicReference<Double> batchLoss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> trainLoss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> validationLoss = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> gradientNorm = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> epoch = new AtomicReference<>(0.0);
    private final Counter steps;
    private final Counter clipped;

    public TrainingMetrics(MeterRegistry registry, String signal) {
        Gauge.builder(LOSS, batchLoss, AtomicReference::get).tags("signal", signal, "phase", "batch")
            .strongReference(true).register(registry);
        Gauge.builder(LOSS, trainLoss, AtomicReference::get).tags("signal", signal, "phase", "train")
            .strongReference(true).register(registry);
        Gauge.builder(LOSS, validationLoss, AtomicReference::get).tags("signal", signal, "phase", "validation")
            .strongReference(true).register(registry);
        Gauge.builder(GRADIENT_NORM, gradientNorm, AtomicReference::get).tag("signal", signal)
            .strongReference(true).register(registry);
        Gauge.builder(EPOCH, epoch, AtomicReference::get).tag("signal", signal).strongReference(true)
            .register(registry);
        steps = Counter.builder(STEPS).tag("signal", signal).register(registry);
        clipped = Counter.builder(CLIPPED).tag("signal", signal).register(registry);
    }

    @Override
    public void onBatch(BatchReport report) {
        batchLoss.set(report.loss());
        gradientNorm.set(report.gradientNorm());
        steps.increment();
        if (report.clipped()) {
            clipped.increment();
        }
    }

    @Override
    public void onEpoch(EpochReport report) {
        trainLoss.set(report.trainLoss());
        validationLoss.set(report.validationLoss());
        epoch.set((double) report.epoch() + 1);
    }
}
