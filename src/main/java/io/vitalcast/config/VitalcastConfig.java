package io.vitalcast.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.OnlineLearning;
import io.vitalcast.streaming.ErrorPolicy;
import io.vitalcast.streaming.InputLimits;
import io.vitalcast.streaming.StreamingSettings;
import io.vitalcast.streaming.Topics;

/**
 * The validated configuration of the streaming job: what the topology needs ({@link #toStreamingSettings()}), how
 * to deploy it (topic layout, metrics port) and the Kafka client settings passed through ({@link
 * #kafkaProperties()}). Load it with {@link #load}; the layers are described in the package documentation.
 *
 * @param topics                 topic names
 * @param topicPartitions        partitions of the topics created at start
 * @param topicReplicationFactor replication factor of the topics created at start and of Kafka Streams' internal
 *                               topics
 * @param modelDirectory         directory of model files, or null for baselines only (an empty
 *                               {@code vitalcast.models.dir})
 * @param grace                  late readings accepted this long after a step's window ends
 * @param alertMargin            residual margin beyond the interval, in half-widths
 * @param alertSustainSteps      deviating steps that open an alert
 * @param alertClearSteps        normal steps that resolve an alert
 * @param alertPolicies          per-signal alert policies ({@code vitalcast.alert.<signal>.*})
 * @param limits                 clinical limits by signal
 * @param signals                streamed signals, fixed-step ones with their step
 * @param metricsPort            port of the Prometheus endpoint; 0 picks a free one
 * @param watchedPatients        the explicit, capped opt-in list of patients exported per patient in metrics
 * @param kafka                  Kafka client settings (bootstrap servers, security, threads, ...)
 * @param maxAlertsPerPatientHour alerts that may open per patient in any hour; 0 for no cap
 * @param online                 how each series learns its patient online (interval calibration, forecast adaptation)
 * @param inputLimits            what an input record may be before it is rejected
 * @param processingErrors       what an unexpected exception while processing a record does
 * @param forecastFormat         how forecasts are written
 * @param service                how the process runs: metrics address, start timeout, whether models are required
 */
public record VitalcastConfig(Topics topics, int topicPartitions, short topicReplicationFactor, Path modelDirectory,
                              Duration grace, double alertMargin, int alertSustainSteps, int alertClearSteps,
                              Map<String, io.vitalcast.alerting.AlertPolicy> alertPolicies,
                              Map<String, ClinicalLimits> limits, Map<String, SignalSpec> signals, int metricsPort,
                              java.util.Set<String> watchedPatients, Map<String, String> kafka,
                              int maxAlertsPerPatientHour, OnlineLearning online, InputLimits inputLimits,
                              ErrorPolicy processingErrors, io.vitalcast.streaming.ForecastFormat forecastFormat,
                              ServiceSettings service) {

    public VitalcastConfig {
        limits = Map.copyOf(limits);
        alertPolicies = Map.copyOf(alertPolicies);
        signals = Map.copyOf(signals);
        kafka = Map.copyOf(kafka);
        watchedPatients = java.util.Set.copyOf(watchedPatients);
    }

    /**
     * Reads the layers and validates them.
     *
     * @param file        properties file, or null for none
     * @param environment environment variables ({@code System.getenv()} in production)
     * @param commandLine command-line settings, highest precedence
     * @throws ConfigException naming the first bad key
     */
    public static VitalcastConfig load(Path file, Map<String, String> environment, List<Setting> commandLine) {
        return ConfigParser.parse(settings(file, environment, commandLine));
    }

    /**
     * The effective settings of these layers, each with the layer it came from, sorted by key; not validated (see
     * {@link #load}).
     */
    public static Map<String, Setting> settings(Path file, Map<String, String> environment,
                                                List<Setting> commandLine) {
        ConfigLayers layers = ConfigLayers.defaults();
        if (file != null) {
            layers = layers.withFile(file);
        }
        return new TreeMap<>(layers.withEnvironment(environment).withCommandLine(commandLine).settings());
    }

    /** What the forecasting topology needs. */
    public StreamingSettings toStreamingSettings() {
        return new StreamingSettings(topics, signals, modelDirectory, grace, alertMargin, alertSustainSteps,
            alertClearSteps, limits, alertPolicies, maxAlertsPerPatientHour, online, inputLimits, processingErrors, 1,
            forecastFormat);
    }

    /**
     * The Kafka Streams properties: the Kafka settings given, with the replication factor of internal topics taken
     * from {@code vitalcast.topics.replication.factor}.
     */
    public Properties kafkaProperties() {
        Properties properties = new Properties();
        properties.putAll(new TreeMap<>(kafka));
        properties.put(KafkaKeys.REPLICATION_FACTOR, Short.toString(topicReplicationFactor));
        return properties;
    }

    /** {@code application.id}: the consumer group and the prefix of internal topics. */
    public String applicationId() {
        return kafka.get(KafkaKeys.APPLICATION_ID);
    }

    /** All settings, with secrets hidden, so that the configuration can be logged. */
    @Override
    public String toString() {
        Map<String, String> shownKafka = new TreeMap<>();
        kafka.forEach((key, value) -> shownKafka.put(key, Setting.isSecret(key) ? Setting.HIDDEN : value));
        return "VitalcastConfig[topics=" + topics + ", topicPartitions=" + topicPartitions
            + ", topicReplicationFactor=" + topicReplicationFactor + ", modelDirectory=" + modelDirectory
            + ", grace=" + grace + ", alertMargin=" + alertMargin + ", alertSustainSteps=" + alertSustainSteps
            + ", alertClearSteps=" + alertClearSteps + ", alertPolicies=" + new TreeMap<>(alertPolicies)
            + ", maxAlertsPerPatientHour=" + maxAlertsPerPatientHour + ", online=" + online
            + ", inputLimits=" + inputLimits + ", processingErrors=" + processingErrors + ", forecastFormat=" + forecastFormat
            + ", service=" + service
            + ", limits=" + new TreeMap<>(limits) + ", signals="
            + new TreeMap<>(signals).keySet() + ", metricsPort=" + metricsPort + ", kafka=" + shownKafka + "]";
    }

    /** {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return kafka.get(KafkaKeys.BOOTSTRAP_SERVERS);
    }
}
