package io.vitalcast.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.vitalcast.config.VitalcastConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Checks a configuration the way {@code promtool check config} does: reads the settings and the model directory
 * exactly as {@code run} would, without Kafka, and prints the {@link StartupReport}. Exit code 0 when {@code run}
 * would start (warnings allowed), 1 when it would not, 2 for a bad setting (one line naming the key, as {@code run}).
 * Deployment files are checked with it in the build, so that they cannot drift from what the service accepts.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Check the configuration and the models that 'run' would use, without connecting to Kafka.",
        "Takes the same options as run; exit code 0 when run would start."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VitalcastConfig config = options.config(System.getenv());
        StartupReport report = StartupReport.of(config, options.settings(System.getenv()));
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        report.warnings().forEach(warning -> out.println("WARNING: " + warning));
        report.errors().forEach(error -> out.println("ERROR: " + error));
        out.println(report.errors().isEmpty() ? "OK: run would start" : "FAILED: " + report.errors().size()
            + " problem(s); run would not start");
        out.flush();
        return report.errors().isEmpty() ? 0 : 1;
    }
}
