package io.vitalcast.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** The {@code evaluate} job; not built yet (issue 3), so it says so and fails rather than pretending. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Backtest a model file against every baseline on held-out data.", "Not available yet in this version (tracked as issue 3)."})
final class EvaluateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserException("'evaluate' is not available yet in this version (tracked as issue 3)");
    }
}
