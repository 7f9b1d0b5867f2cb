package io.vitalcast.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Vitalcast's own metrics, registered in one place so that code, dashboards and docs agree on names and labels.
 * Label values are bounded sets (signal names, reasons, kinds); patient ids are never label values.
 *
 * <p>Thread-safe: Micrometer meters are, and the caches here are concurrent.
 */
public final class VitalcastMetrics {
    /** Readings by signal and outcome ({@code accepted} or {@code rejected}). */
    public static final String READINGS = "vitalcast.readings";
    /** Rejected input records by reason. */
    public static final String REJECTED = "vitalcast.rejected";
    /** Forecasts published by signal and model kind. */
    public static final String FORECASTS = "vitalcast.forecasts";
    /** Alert events by kind, severity and state. */
    public static final String ALERTS = "vitalcast.alerts";
    /** Alerts currently open, by kind. */
    public static final String OPEN_ALERTS = "vitalcast.alerts.open";
    /** Time from a step's event time to its forecast being produced. */
    public static final String LATENCY = "vitalcast.forecast.latency";
    /** Model inference time per forecast. */
    public static final String INFERENCE = "vitalcast.model.inference";
    /** Absolute one-step forecast error by signal. */
    public static final String ERROR = "vitalcast.forecast.error";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openAlerts = new ConcurrentHashMap<>();

    public VitalcastMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void reading(String signal, boolean accepted) {
        counter(READINGS, "signal", signal, "outcome", accepted ? "accepted" : "rejected").increment();
    }

    public void rejected(String reason) {
        counter(REJECTED, "reason", reason).increment();
    }

    public void forecast(String signal, String modelKind) {
        counter(FORECASTS, "signal", signal, "model", modelKind).increment();
    }

    public void alert(String kind, String severity, String state) {
        counter(ALERTS, "kind", kind, "severity", severity, "state", state).increment();
        AtomicInteger open = openAlerts.computeIfAbsent(kind, k -> {
            AtomicInteger gauge = new AtomicInteger();
            registry.gauge(OPEN_ALERTS, io.micrometer.core.instrument.Tags.of("kind", k), gauge);
            return gauge;
        });
        if ("OPEN".equals(state)) {
            open.incrementAndGet();
        } else if ("RESOLVED".equals(state)) {
            open.decrementAndGet();
        }
    }

    public void latency(String signal, Duration latency) {
        Timer.builder(LATENCY).tag("signal", signal).publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void inference(String signal, long nanos) {
        Timer.builder(INFERENCE).tag("signal", signal).publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(1000)).maximumExpectedValue(Duration.ofSeconds(1))
            .register(registry).record(Duration.ofNanos(nanos));
    }

    public void error(String signal, double absoluteError) {
        DistributionSummary.builder(ERROR).tag("signal", signal).tag("horizon", "1").register(registry)
            .record(absoluteError);
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
