package io.vitalcast.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitalcast.config.ConfigKeys;
import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import picocli.CommandLine.Option;

/**
 * The options that configure the service, shared by {@code run} and {@code check} so that {@code check} reads exactly
 * what {@code run} would: the top layer of the configuration (see {@code io.vitalcast.config}).
 */
final class ServiceOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers (or KAFKA_BOOTSTRAP_SERVERS, or bootstrap.servers in the file).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings.")
    Path configFile;

    @Option(names = "--models", paramLabel = "DIR", description = "Directory of model files (vitalcast.models.dir).")
    String models;

    @Option(names = "--metrics-port", paramLabel = "N",
        description = "Port of the Prometheus /metrics endpoint, 0 for any free one (vitalcast.metrics.port).")
    String metricsPort;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Any setting, e.g. --set vitalcast.alert.sustain.steps=5 --set num.stream.threads=2.")
    List<String> assignments = new ArrayList<>();

    /** The validated configuration of these options over the file and the environment. */
    VitalcastConfig config(Map<String, String> environment) {
        return VitalcastConfig.load(configFile, environment, commandLineSettings());
    }

    /** The effective settings, each with its origin. */
    Map<String, Setting> settings(Map<String, String> environment) {
        return VitalcastConfig.settings(configFile, environment, commandLineSettings());
    }

    /** The options as the command-line configuration layer. */
    List<Setting> commandLineSettings() {
        List<Setting> settings = new ArrayList<>();
        if (bootstrapServers != null) {
            settings.add(new Setting("bootstrap.servers", bootstrapServers, "command line --bootstrap-servers"));
        }
        if (models != null) {
            settings.add(new Setting(ConfigKeys.MODELS_DIR, models, "command line --models"));
        }
        if (metricsPort != null) {
            settings.add(new Setting(ConfigKeys.METRICS_PORT, metricsPort, "command line --metrics-port"));
        }
        assignments.forEach(a -> settings.add(ConfigLayers.assignment(a, "--set")));
        return settings;
    }
}
