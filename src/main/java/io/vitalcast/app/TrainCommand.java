package io.vitalcast.app;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** The {@code train} job; not built yet (issue 3), so it says so and fails rather than pretending. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a forecaster on a readings CSV and write a model file.",
        "Not available yet in this version (tracked as issue 3)."})
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UserException("'train' is not available yet in this version (tracked as issue 3)");
    }
}
