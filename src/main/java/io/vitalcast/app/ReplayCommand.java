package io.vitalcast.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** The {@code replay} job; not built yet (issue 5), so it says so and fails rather than pretending. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Produce a readings CSV to a Kafka topic at real or accelerated time.", "Not available yet in this version (tracked as issue 5)."})
final class ReplayCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserException("'replay' is not available yet in this version (tracked as issue 5)");
    }
}
