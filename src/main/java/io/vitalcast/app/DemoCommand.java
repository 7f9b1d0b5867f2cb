package io.vitalcast.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** The {@code demo} job; not built yet (issue 5), so it says so and fails rather than pretending. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start an embedded Kafka broker, the forecaster and a replay of the sample recordings.", "Not available yet in this version (tracked as issue 5)."})
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserException("'demo' is not available yet in this version (tracked as issue 5)");
    }
}
