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
    /**
     * Records whose processing (stage {@code processing}) or output (stage {@code production}) threw an exception
     * the service did not expect, by what became of them: {@code rejected} (set aside on the rejected topic),
     * {@code failed} (the stream thread stopped) or {@code dropped} (a rejection the broker refused in turn).
     */
    public static final String PROCESSING_ERRORS = "vitalcast.processing.errors";
    /**
     * Stream threads replaced after an uncaught exception (a broker away past the producer's delivery timeout, a
     * failed changelog write): registered at zero by the runner, so that an alert on its rate has a series.
     */
    public static final String STREAM_THREAD_REPLACEMENTS = "vitalcast.stream.thread.replacements";
    /**
     * Hanging transactions the runner aborted because they stalled a restoration (after the broker was killed and
     * restarted, see {@code HangingTransactions}): registered at zero by the runner.
     */
    public static final String HANGING_TRANSACTIONS_ABORTED = "vitalcast.hanging.transactions.aborted";
    /** Alert events by signal, kind, severity and state. */
    public static final String ALERTS = "vitalcast.alerts";
    /**
     * Seconds of monitoring by signal: each step adds the time since its series' previous step (up to
     * {@link #MAX_MONITORED_GAP_SECONDS}; a longer silence is a break in monitoring, not monitoring), so that alerts
     * opened per series-hour (patient and signal) are {@code rate(alerts) / rate(monitored) * 3600}.
     */
    public static final String MONITORED = "vitalcast.monitored.seconds";
    /** The longest time between two steps of a series that counts as monitoring. */
    public static final double MAX_MONITORED_GAP_SECONDS = 600;
    /**
     * Alerts held back by the alert policy instead of published, by kind and reason ({@code realert}, {@code snoozed},
     * {@code acknowledged}, {@code cap}).
     */
    public static final String ALERTS_SUPPRESSED = "vitalcast.alerts.suppressed";
    /** Acknowledgement records by action ({@code ACK}, {@code SNOOZE}, {@code unknown}) and outcome. */
    public static final String ACKS = "vitalcast.alert.acks";
    /** Alerts currently open, by kind. */
    public static final String OPEN_ALERTS = "vitalcast.alerts.open";
    /** Steps judged bad by the signal-quality rules, by signal and problem (no patient label). */
    public static final String QUALITY_PROBLEMS = "vitalcast.quality.problems";
    /** Time from a step's event time to its forecast being produced. */
    public static final String LATENCY = "vitalcast.forecast.latency";
    /** Model inference time per forecast. */
    public static final String INFERENCE = "vitalcast.model.inference";
    /** Absolute forecast error by signal and horizon step, scored when the forecast step's value arrives. */
    public static final String ERROR = "vitalcast.forecast.error";
    /**
     * Absolute error the population model's own forecast would have made, by signal and horizon step, beside
     * {@link #ERROR} of the forecast published after the series' online adaptation: their ratio is the adaptation's
     * effect.
     */
    public static final String POPULATION_ERROR = "vitalcast.forecast.population.error";
    /** Scored one-step forecasts by signal and whether the series' online adaptation changed them (true/false). */
    public static final String ADAPTED = "vitalcast.forecast.adapted";
    /** Forecast steps scored against their interval, by signal, horizon step and outcome (inside/outside). */
    public static final String INTERVAL = "vitalcast.forecast.interval";
    /** 1 per model in use, labelled with signal, model name, version and kind. */
    public static final String MODEL_INFO = "vitalcast.model.info";
    /** Latest observed step of a watched patient, by patient and signal. */
    public static final String WATCHED_VALUE = "vitalcast.watched.value";
    /** Latest forecast (first horizon step) of a watched patient, and its interval bounds. */
    public static final String WATCHED_FORECAST = "vitalcast.watched.forecast";
    public static final String WATCHED_LOWER = "vitalcast.watched.forecast.lower";
    public static final String WATCHED_UPPER = "vitalcast.watched.forecast.upper";
    /** At most this many patients may be watched: each adds label values. */
    public static final int MAX_WATCHED_PATIENTS = 20;

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> acceptedReadings = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejectedReadings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> openAlerts = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencyTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> inferenceTimers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> errorSummaries = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> populationErrorSummaries = new ConcurrentHashMap<>();
    private final java.util.Set<String> watched;
    private final Map<String, double[]> watchedValues = new ConcurrentHashMap<>();

    public VitalcastMetrics(MeterRegistry registry) {
        this(registry, java.util.Set.of());
    }

    /**
     * @param watchedPatients the explicit opt-in list of patients whose latest value and forecast are exported with
     *                        their id as a label (at most {@link #MAX_WATCHED_PATIENTS})
     */
    public VitalcastMetrics(MeterRegistry registry, java.util.Set<String> watchedPatients) {
        if (watchedPatients.size() > MAX_WATCHED_PATIENTS) {
            throw new IllegalArgumentException("at most " + MAX_WATCHED_PATIENTS + " patients can be watched, got "
                + watchedPatients.size());
        }
        this.registry = registry;
        this.watched = java.util.Set.copyOf(watchedPatients);
    }

    /** Whether a patient is on the watched list. */
    public boolean isWatched(String patientId) {
        return watched.contains(patientId);
    }

    /** Records the latest observed step of a watched patient (ignored for others). */
    public void watchedValue(String patientId, String signal, double value) {
        if (watched.contains(patientId)) {
            holder(WATCHED_VALUE, patientId, signal)[0] = value;
        }
    }

    /** Records the latest one-step forecast and bounds of a watched patient (ignored for others). */
    public void watchedForecast(String patientId, String signal, double value, Double lower, Double upper) {
        if (watched.contains(patientId)) {
            holder(WATCHED_FORECAST, patientId, signal)[0] = value;
            holder(WATCHED_LOWER, patientId, signal)[0] = lower == null ? Double.NaN : lower;
            holder(WATCHED_UPPER, patientId, signal)[0] = upper == null ? Double.NaN : upper;
        }
    }

    private double[] holder(String name, String patientId, String signal) {
        return watchedValues.computeIfAbsent(name + '|' + patientId + '|' + signal, key -> {
            double[] cell = {Double.NaN};
            io.micrometer.core.instrument.Gauge.builder(name, cell, c -> c[0])
                .tags("patient", patientId, "signal", signal).register(registry);
            return cell;
        });
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counted for every reading, so the counter is looked up by signal alone rather than by its joined tags. */
    public void reading(String signal, boolean accepted) {
        (accepted ? acceptedReadings : rejectedReadings).computeIfAbsent(signal,
            s -> counter(READINGS, "signal", s, "outcome", accepted ? "accepted" : "rejected")).increment();
    }

    public void rejected(String reason) {
        counter(REJECTED, "reason", reason).increment();
    }

    /** An unexpected exception at a stage ({@code processing} or {@code production}) and what it led to. */
    public void processingError(String stage, String outcome) {
        counter(PROCESSING_ERRORS, "stage", stage, "outcome", outcome).increment();
    }

    public void forecast(String signal, String modelKind) {
        counter(FORECASTS, "signal", signal, "model", modelKind).increment();
    }

    public void alert(String signal, String kind, String severity, String state) {
        counter(ALERTS, "signal", signal, "kind", kind, "severity", severity, "state", state).increment();
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

    public void alertSuppressed(String kind, String reason) {
        counter(ALERTS_SUPPRESSED, "kind", kind, "reason", reason).increment();
    }

    public void ack(String action, boolean accepted) {
        counter(ACKS, "action", action, "outcome", accepted ? "accepted" : "rejected").increment();
    }

    /** One step (or sensor-off reading) of a signal judged bad, with its quality problem. */
    public void qualityProblem(String signal, String problem) {
        counter(QUALITY_PROBLEMS, "signal", signal, "problem", problem).increment();
    }

    public void latency(String signal, Duration latency) {
        latencyTimers.computeIfAbsent(signal, s -> Timer.builder(LATENCY).tag("signal", s)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry))
            .record(latency.isNegative() ? Duration.ZERO : latency);
    }

    public void inference(String signal, long nanos) {
        inferenceTimers.computeIfAbsent(signal, s -> Timer.builder(INFERENCE).tag("signal", s)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry))
            .record(Duration.ofNanos(nanos));
    }

    public void error(String signal, int horizon, double absoluteError) {
        errorSummaries.computeIfAbsent(signal + '|' + horizon, key -> DistributionSummary.builder(ERROR)
                .tag("signal", signal).tag("horizon", Integer.toString(horizon)).register(registry))
            .record(absoluteError);
    }

    /**
     * A scored forecast step as the population model alone would have made it; at step 1 also counted as adapted
     * or not.
     */
    public void populationError(String signal, int horizon, double absoluteError, boolean adapted) {
        populationErrorSummaries.computeIfAbsent(signal + '|' + horizon, key ->
                DistributionSummary.builder(POPULATION_ERROR).tag("signal", signal)
                    .tag("horizon", Integer.toString(horizon)).register(registry))
            .record(absoluteError);
        if (horizon == 1) {
            Counter changed = counter(ADAPTED, "signal", signal, "adapted", "true");
            Counter unchanged = counter(ADAPTED, "signal", signal, "adapted", "false");
            (adapted ? changed : unchanged).increment();
        }
    }

    /** A step of a series {@code seconds} after its previous one (NaN for the first of a series). */
    public void monitored(String signal, double seconds) {
        Counter counter = counter(MONITORED, "signal", signal);
        if (seconds > 0 && seconds <= MAX_MONITORED_GAP_SECONDS) {
            counter.increment(seconds);
        }
    }

    public void coverage(String signal, int horizon, boolean inside) {
        counter(INTERVAL, "signal", signal, "horizon", Integer.toString(horizon), "outcome",
            inside ? "inside" : "outside").increment();
    }

    /** Declares a model in use; its gauge stays at 1. */
    public void modelInUse(String signal, String model, String version, String kind) {
        io.micrometer.core.instrument.Gauge.builder(MODEL_INFO, () -> 1.0)
            .tags("signal", signal, "model", model, "version", version, "kind", kind).register(registry);
    }

    /**
     * Registers at zero the counters of what may happen to a signal and to alerts (quality problems, alerts held back,
     * acknowledgements), so that their series exist from the start: rates and dashboards then read 0 rather than no
     * data before the first event.
     */
    public void declare(java.util.Collection<String> signals, java.util.Collection<String> problems,
                        java.util.Collection<String> alertKinds, java.util.Collection<String> suppressionReasons,
                        java.util.Collection<String> ackActions) {
        for (String signal : signals) {
            counter(MONITORED, "signal", signal);
            for (String problem : problems) {
                counter(QUALITY_PROBLEMS, "signal", signal, "problem", problem);
            }
        }
        for (String kind : alertKinds) {
            for (String reason : suppressionReasons) {
                counter(ALERTS_SUPPRESSED, "kind", kind, "reason", reason);
            }
        }
        for (String action : ackActions) {
            counter(ACKS, "action", action, "outcome", "accepted");
        }
        counter(ACKS, "action", "unknown", "outcome", "rejected");
        for (String stage : new String[] {"processing", "production"}) {
            for (String outcome : new String[] {"rejected", "failed", "dropped"}) {
                counter(PROCESSING_ERRORS, "stage", stage, "outcome", outcome);
            }
        }
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
    }
}
