package io.vitalcast.app;

import io.vitalcast.forecasting.LstmForecasterSettings;
import io.vitalcast.training.OptimizerType;
import io.vitalcast.training.TrainingConfig;
import picocli.CommandLine.Option;

/**
 * The options that say how an LSTM forecaster is trained, shared by {@code train} and the experiments that train
 * many models the way {@code train} does, so that an experiment's figures are those of the command a user runs.
 */
final class TrainingOptions {
    @Option(names = "--kind", defaultValue = "stateful",
        description = "stateful: an LSTM that carries its state from step to step from the start of each segment, "
            + "O(1) per reading, trained and evaluated as the stream runs it; window: an LSTM re-run over the last "
            + "--window steps at every step (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--window", defaultValue = "30",
        description = "History steps per forecast; for the stateful kind, steps of a segment seen before the first "
            + "forecast (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--chunk", defaultValue = "50",
        description = "Stateful kind: steps per update; the state is carried across chunks and the gradient "
            + "truncated at their boundaries (default ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--horizon", defaultValue = "10", description = "Steps forecast (default ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--hidden", defaultValue = "32", description = "Hidden units per layer (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked LSTM layers (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--ar-base", defaultValue = "8",
        description = "Order p of the AR(p) forecast the LSTM learns to correct; 0 to predict changes from the last "
            + "value (default ${DEFAULT-VALUE}).")
    int arBase;

    @Option(names = "--epochs", defaultValue = "60", description = "Maximum epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, rmsprop or adam (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--clip-norm", defaultValue = "1.0", description = "Global gradient-norm clip, 0 for none (default ${DEFAULT-VALUE}).")
    double clipNorm;

    @Option(names = "--patience", defaultValue = "8", description = "Epochs without validation improvement before stopping (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialization and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--level", defaultValue = "0.9", description = "Prediction interval coverage (default ${DEFAULT-VALUE}).")
    double level;

    /** How these options train, checked, naming the option at fault. */
    ForecasterTraining training() {
        TrainingConfig config = TrainingConfig.defaults()
            .withEpochs(epochs)
            .withBatchSize(batch)
            .withOptimizer(OptimizerType.parse(optimizer), learningRate)
            .withClipping(clipNorm, 0)
            .withValidation(0.15, patience)
            .withSeed(seed);
        return new ForecasterTraining(ForecasterTraining.Kind.parse(kind),
            new LstmForecasterSettings(window, horizon, hidden, layers, Math.min(arBase, window)), config, chunk,
            level);
    }

    double level() {
        return level;
    }
}
