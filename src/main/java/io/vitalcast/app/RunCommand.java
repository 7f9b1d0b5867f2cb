package io.vitalcast.app;

import java.util.concurrent.Callable;

import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.errors.UserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs the streaming forecaster until Ctrl-C (or SIGTERM). Options are the top layer of the configuration (see
 * {@code io.vitalcast.config}); before anything connects it logs the {@link StartupReport} ({@code vitalcast check}
 * prints the same), and a bad setting or model file ends with one line naming it, exit code 2. A failure of the
 * running client ends with exit code 1.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the streaming forecaster against a Kafka cluster until Ctrl-C.",
        "Settings come from built-in defaults, then --config FILE, then VITALCAST_* and KAFKA_* environment "
            + "variables, then these options."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Override
    public Integer call() throws InterruptedException {
        VitalcastConfig config = options.config(System.getenv());
        StartupReport report = StartupReport.of(config, options.settings(System.getenv()));
        report.lines().forEach(line -> LOG.info("{}", line));
        report.warnings().forEach(warning -> LOG.warn("{}", warning));
        if (!report.errors().isEmpty()) {
            throw new UserException(String.join("; ", report.errors()));
        }
        try (StreamsRunner runner = new StreamsRunner(config)) {
            return runner.runUntilStopped();
        }
    }
}
