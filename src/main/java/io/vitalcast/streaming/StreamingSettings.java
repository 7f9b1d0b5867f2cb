package io.vitalcast.streaming;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.vitalcast.alerting.AlertDirection;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.AlertSettings;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.OnlineLearning;

/**
 * What the forecasting topology needs to know, independent of how it is deployed (the Kafka client settings live
 * with the runner). Built from configuration by {@code app} and passed to {@link ForecastTopology#build}.
 *
 * @param topics            topic names
 * @param signals           the accepted signals by name, fixed-step ones with their step resolved
 * @param modelDirectory    directory of model files written by {@code train} (one per signal), or null for
 *                          baselines only
 * @param grace             how long after a step's window ends late readings are still accepted
 * @param alertMargin       how far outside the calibrated interval a residual must be, in half-widths beyond 1
 *                          (0: anything outside the interval)
 * @param alertSustainSteps consecutive deviating steps that open a DEVIATION alert
 * @param alertClearSteps   consecutive normal steps that resolve an open alert
 * @param limits            clinical limits by signal name
 * @param policies          per-signal alert policies overriding the margin, sustain and clear steps above (and the
 *                          default direction, both)
 * @param maxAlertsPerPatientHour alerts that may open per patient in any hour of event time, across signals and
 *                          kinds; 0 for no cap. Alerts beyond it are held back, counted and reported by the next one
 * @param online            how each series learns its patient on top of its model (interval calibration, forecast
 *                          adaptation)
 * @param input             what an input record may be before it is rejected
 * @param processingErrors  what an unexpected exception while processing a record does
 * @param readingPartitions partitions of the readings topic, over which a Java producer spreads patients by the
 *                          murmur2 hash of their id: a reading found on another partition (a producer with another
 *                          partitioner, such as librdkafka's CRC32) is repartitioned to that one, where its patient's
 *                          acknowledgements also go; 1 (or less) when there is nothing to route
 * @param forecastFormat    how forecasts are written to the forecasts topic
 */
public record StreamingSettings(Topics topics, Map<String, SignalSpec> signals, Path modelDirectory, Duration grace,
                                double alertMargin, int alertSustainSteps, int alertClearSteps,
                                Map<String, ClinicalLimits> limits, Map<String, AlertPolicy> policies,
                                int maxAlertsPerPatientHour, OnlineLearning online, InputLimits input,
                                ErrorPolicy processingErrors, int readingPartitions,
                                ForecastFormat forecastFormat) {

    /** Settings for a readings topic of one partition (nothing to route). */
    public StreamingSettings(Topics topics, Map<String, SignalSpec> signals, Path modelDirectory, Duration grace,
                             double alertMargin, int alertSustainSteps, int alertClearSteps,
                             Map<String, ClinicalLimits> limits, Map<String, AlertPolicy> policies,
                             int maxAlertsPerPatientHour, OnlineLearning online, InputLimits input,
                             ErrorPolicy processingErrors) {
        this(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps, alertClearSteps, limits,
            policies, maxAlertsPerPatientHour, online, input, processingErrors, 1, ForecastFormat.JSON);
    }

    /** Settings with the default input limits, rejecting records whose processing fails. */
    public StreamingSettings(Topics topics, Map<String, SignalSpec> signals, Path modelDirectory, Duration grace,
                             double alertMargin, int alertSustainSteps, int alertClearSteps,
                             Map<String, ClinicalLimits> limits, Map<String, AlertPolicy> policies,
                             int maxAlertsPerPatientHour, OnlineLearning online) {
        this(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps, alertClearSteps, limits,
            policies, maxAlertsPerPatientHour, online, InputLimits.DEFAULT, ErrorPolicy.REJECT);
    }

    /** Settings with the default online learning of each series. */
    public StreamingSettings(Topics topics, Map<String, SignalSpec> signals, Path modelDirectory, Duration grace,
                             double alertMargin, int alertSustainSteps, int alertClearSteps,
                             Map<String, ClinicalLimits> limits, Map<String, AlertPolicy> policies,
                             int maxAlertsPerPatientHour) {
        this(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps, alertClearSteps, limits,
            policies, maxAlertsPerPatientHour, OnlineLearning.DEFAULT);
    }

    /** Settings without a cap on alerts per patient-hour. */
    public StreamingSettings(Topics topics, Map<String, SignalSpec> signals, Path modelDirectory, Duration grace,
                             double alertMargin, int alertSustainSteps, int alertClearSteps,
                             Map<String, ClinicalLimits> limits, Map<String, AlertPolicy> policies) {
        this(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps, alertClearSteps, limits,
            policies, 0);
    }

    /** Settings with the same alert policy for every signal. */
    public StreamingSettings(Topics topics, Map<String, SignalSpec> signals, Path modelDirectory, Duration grace,
                             double alertMargin, int alertSustainSteps, int alertClearSteps,
                             Map<String, ClinicalLimits> limits) {
        this(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps, alertClearSteps, limits,
            Map.of());
    }

    public StreamingSettings {
        if (topics == null || signals == null || signals.isEmpty() || grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("topics, at least one signal and a non-negative grace are required");
        }
        for (SignalSpec spec : signals.values()) {
            if (!spec.isEventDriven() && spec.step() == null) {
                throw new IllegalArgumentException("signal " + spec.name() + " needs a step for streaming");
            }
        }
        if (!(alertMargin >= 0) || alertSustainSteps < 1 || alertClearSteps < 1) {
            throw new IllegalArgumentException("alert margin must be >= 0 and sustain/clear steps >= 1");
        }
        online = online == null ? OnlineLearning.DEFAULT : online;
        input = input == null ? InputLimits.DEFAULT : input;
        processingErrors = processingErrors == null ? ErrorPolicy.REJECT : processingErrors;
        forecastFormat = forecastFormat == null ? ForecastFormat.JSON : forecastFormat;
        if (maxAlertsPerPatientHour < 0) {
            throw new IllegalArgumentException("alerts per patient-hour must be >= 0 (0: no cap), got "
                + maxAlertsPerPatientHour);
        }
        // sorted, not Map.copyOf (whose order changes from JVM to JVM): the topology is built in signal order
        signals = Collections.unmodifiableMap(new TreeMap<>(signals));
        limits = Collections.unmodifiableMap(new TreeMap<>(limits == null ? Map.of() : limits));
        policies = Collections.unmodifiableMap(new TreeMap<>(policies == null ? Map.of() : policies));
    }

    /** These settings with another policy for unexpected exceptions. */
    public StreamingSettings withProcessingErrors(ErrorPolicy policy) {
        return new StreamingSettings(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps,
            alertClearSteps, limits, policies, maxAlertsPerPatientHour, online, input, policy, readingPartitions,
            forecastFormat);
    }

    /** These settings with forecasts written in {@code format}. */
    public StreamingSettings withForecastFormat(ForecastFormat format) {
        return new StreamingSettings(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps,
            alertClearSteps, limits, policies, maxAlertsPerPatientHour, online, input, processingErrors,
            readingPartitions, format);
    }

    /** These settings for a readings topic of {@code partitions} partitions. */
    public StreamingSettings withReadingPartitions(int partitions) {
        return new StreamingSettings(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps,
            alertClearSteps, limits, policies, maxAlertsPerPatientHour, online, input, processingErrors, partitions,
            forecastFormat);
    }

    /**
     * What the alert rules are set to. The default policy applies the shared margin and step counts on both sides of
     * the interval: counting only short RR intervals (premature beats) was measured with {@code backtest} on MIT-BIH
     * 100 and 105 and lowered F1 (0.886 to 0.820, 0.920 to 0.777), so no signal defaults to one side.
     */
    public AlertSettings alerting() {
        return new AlertSettings(limits, policies,
            new AlertPolicy(alertMargin, alertSustainSteps, alertClearSteps, AlertDirection.BOTH),
            maxAlertsPerPatientHour);
    }

    /** The alert policy of a signal: its own, or the shared margin and step counts on both sides of the interval. */
    public AlertPolicy policyOf(String signal) {
        return alerting().policyOf(signal);
    }

    /** The limits of a signal, or none. */
    public ClinicalLimits limitsOf(String signal) {
        return alerting().limitsOf(signal);
    }
}
