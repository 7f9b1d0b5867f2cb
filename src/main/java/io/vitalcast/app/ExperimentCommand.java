package io.vitalcast.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.CellType;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.training.AddingProblem;
import io.vitalcast.training.OptimizerType;
import io.vitalcast.training.SequenceDataset;
import io.vitalcast.training.Trainer;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reproducible experiments that document why the model is built the way it is. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Reproducible experiments behind the model's design.",
    subcommands = {ExperimentCommand.AddingProblemCommand.class, RhythmStressCommand.class,
        CrossRecordsCommand.class})
final class ExperimentCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Trains an LSTM and a plain RNN of the same size, with the same optimizer, data and seed, on the adding
     * problem, and prints the test error of each beside the constant predictor's.
     */
    @Command(name = "adding-problem", mixinStandardHelpOptions = true,
        description = {"Hochreiter and Schmidhuber's adding problem: a long-lag task the LSTM learns and a plain "
            + "RNN, trained by the same code, does not (vanishing gradients)."})
    static final class AddingProblemCommand implements Callable<Integer> {
        @Option(names = "--length", defaultValue = "50", description = "Sequence length (default ${DEFAULT-VALUE}).")
        int length;
        @Option(names = "--train", defaultValue = "10000", description = "Training sequences (default ${DEFAULT-VALUE}).")
        int trainSize;
        @Option(names = "--test", defaultValue = "1000", description = "Test sequences (default ${DEFAULT-VALUE}).")
        int testSize;
        @Option(names = "--hidden", defaultValue = "16", description = "Hidden units (default ${DEFAULT-VALUE}).")
        int hidden;
        @Option(names = "--epochs", defaultValue = "30", description = "Epochs (default ${DEFAULT-VALUE}).")
        int epochs;
        @Option(names = "--learning-rate", defaultValue = "0.01",
            description = "Adam learning rate (default ${DEFAULT-VALUE}).")
        double learningRate;
        @Option(names = "--seed", defaultValue = "7", description = "Seed of data, weights and shuffling.")
        long seed;
        @Option(names = "--cells", split = ",", defaultValue = "LSTM,RNN", description = "Cells to compare.")
        CellType[] cells;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            OptionChecks.atLeast("--length", AddingProblem.MIN_LENGTH, length);
            OptionChecks.atLeast("--train", 1, trainSize);
            OptionChecks.atLeast("--test", 1, testSize);
            OptionChecks.atLeast("--hidden", 1, hidden);
            PrintWriter out = spec.commandLine().getOut();
            SequenceDataset train = AddingProblem.generate(trainSize, length, seed);
            SequenceDataset test = AddingProblem.generate(testSize, length, seed + 1);
            TrainingConfig config = TrainingConfig.defaults()
                .withEpochs(epochs)
                .withOptimizer(OptimizerType.ADAM, learningRate)
                .withClipping(1.0, 0)
                .withValidation(0.1, 0)
                .withSeed(seed);
            out.printf(Locale.ROOT, "Adding problem: length %d, %d training and %d test sequences, hidden %d, "
                + "Adam lr %.4g, %d epochs, seed %d%n", length, trainSize, testSize, hidden, learningRate, epochs,
                seed);
            out.printf(Locale.ROOT, "Constant predictor (always 1.0): test MSE %.4f%n",
                AddingProblem.CONSTANT_PREDICTOR_MSE);
            out.printf(Locale.ROOT, "%-5s %12s %12s %10s %8s%n", "cell", "test MSE", "vs constant", "clipped", "learned");
            for (CellType cell : cells) {
                Architecture architecture = new Architecture(cell, 2, java.util.List.of(hidden), 1,
                    OutputMode.LAST_STEP);
                RecurrentNetwork network = RecurrentNetwork.create(architecture, Initialization.defaults(), seed);
                Trainer trainer = new Trainer(config).withListener(new ProgressBar(spec.commandLine().getErr(),
                    cell + ""));
                TrainingResult result = trainer.train(network, train);
                double mse = trainer.evaluate(network, test);
                double ratio = mse / AddingProblem.CONSTANT_PREDICTOR_MSE;
                out.printf(Locale.ROOT, "%-5s %12.5f %11.1f%% %9.1f%% %8s%n", cell, mse, 100 * ratio,
                    100 * result.clippingRate(), ratio < 0.1 ? "yes" : "no");
                out.flush();
            }
            return 0;
        }
    }
}
