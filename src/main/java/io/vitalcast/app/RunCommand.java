package io.vitalcast.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.vitalcast.config.ConfigLayers;
import io.vitalcast.config.ConfigKeys;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the streaming forecaster until Ctrl-C (or SIGTERM). Options are the top layer of the configuration (see
 * {@code io.vitalcast.config}); a bad setting ends with one line naming the key, exit code 2, before anything
 * connects; a failure of the running client ends with exit code 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the streaming forecaster against a Kafka cluster until Ctrl-C.",
        "Settings come from built-in defaults, then --config FILE, then VITALCAST_* and KAFKA_* environment "
            + "variables, then these options."})
final class RunCommand implements Callable<Integer> {

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

    @Override
    public Integer call() throws InterruptedException {
        VitalcastConfig config = VitalcastConfig.load(configFile, System.getenv(), commandLineSettings());
        try (StreamsRunner runner = new StreamsRunner(config)) {
            return runner.runUntilStopped();
        }
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
