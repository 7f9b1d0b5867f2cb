package io.vitalcast.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** The {@code run} job; not built yet (issue 4), so it says so and fails rather than pretending. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the streaming forecaster against a Kafka cluster.", "Not available yet in this version (tracked as issue 4)."})
final class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserException("'run' is not available yet in this version (tracked as issue 4)");
    }
}
