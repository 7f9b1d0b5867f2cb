package io.vitalcast.app;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.LstmForecasterSettings;
import io.vitalcast.forecasting.LstmForecasterTrainer;
import io.vitalcast.forecasting.StatefulLstmForecasterTrainer;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingListener;
import io.vitalcast.training.TrainingResult;

/**
 * How an LSTM forecaster of one signal is trained, kind included, as one value that {@code train} and the demo's
 * background run both go through, so that the demo trains what {@code train} does (it went on training the window
 * kind after {@code train} had moved to the stateful one).
 *
 * @param kind     which forecaster to train
 * @param settings window (for the stateful kind, the warm-up before the first forecast), horizon, network size and
 *                 AR base
 * @param config   optimizer, epochs, clipping, early stopping and seed
 * @param chunk    stateful kind: steps per update, the state carried across chunks and the gradient truncated at
 *                 their boundaries
 * @param level    coverage of the prediction intervals
 */
record ForecasterTraining(Kind kind, LstmForecasterSettings settings, TrainingConfig config, int chunk,
                          double level) {

    /** Checked here, naming the options, rather than by the trainer, or by the calibration after training. */
    ForecasterTraining {
        OptionChecks.atLeast("--chunk", 1, chunk);
        if (!(level > 0 && level < 1)) {
            throw new UserException("--level must be above 0 and below 1, was " + level);
        }
    }

    /** The two kinds of LSTM forecaster. */
    enum Kind {
        /** Carries its state from step to step from the start of each segment: O(1) per reading in the stream. */
        STATEFUL,
        /** Re-runs over the last {@code window} steps at every step; the earlier model, kept for comparison. */
        WINDOW;

        /** The kind named on the command line: {@code stateful} or {@code window}. */
        static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return kind;
                }
            }
            throw new UserException("--kind must be stateful or window, was '" + name + "'");
        }
    }

    /**
     * The trained forecaster and how training went.
     *
     * @param forecaster the forecaster, whose bundle is ready to write
     * @param training   the trainer's result
     */
    record Trained(TrainedForecaster forecaster, TrainingResult training) {
    }

    /** The windows of the series split in time, which the window kind trains on and both kinds are scored on. */
    WindowDataset windows(List<PreparedSeries> series) {
        return windows(series, Collections.nCopies(series.size(), SplitFractions.DEFAULT));
    }

    /** The windows of the series, each split by its own fractions (a held-out record wholly validation). */
    WindowDataset windows(List<PreparedSeries> series, List<SplitFractions> fractions) {
        return WindowDataset.ofSeries(series, settings.window(), settings.horizon(), fractions);
    }

    /** What a run trains and validates on, to say before it starts. */
    String plan(WindowDataset windows) {
        return switch (kind) {
            case STATEFUL -> String.format(Locale.ROOT, "Training statefully on whole segments of the training part "
                    + "(%d steps, chunks of %d), validating on %d windows (%s)",
                windows.train().steps(), chunk, windows.validation().size(), testPart(windows));
            case WINDOW -> String.format(Locale.ROOT, "Training on %d windows, validating on %d (%s)",
                windows.train().size(), windows.validation().size(), testPart(windows));
        };
    }

    private static String testPart(WindowDataset windows) {
        return windows.test().size() == 0 ? "no test part: evaluate the model on other records"
            : "test part of " + windows.test().size() + " windows left for evaluate";
    }

    /**
     * Trains on the series (patients or recordings of one signal), reporting every update and epoch to
     * {@code listener}.
     *
     * @param windows     {@link #windows} of the series
     * @param description what the data is, for provenance (e.g. file and signal)
     */
    Trained train(List<PreparedSeries> series, WindowDataset windows, String description,
                  TrainingListener listener) {
        return train(series, Collections.nCopies(series.size(), SplitFractions.DEFAULT), windows, description,
            listener);
    }

    /**
     * Trains on the series, each split by its own fractions, so that early stopping and the intervals use the
     * records held out whole.
     *
     * @param fractions one per series
     * @param windows   {@link #windows(List, List)} of the series with these fractions
     */
    Trained train(List<PreparedSeries> series, List<SplitFractions> fractions, WindowDataset windows,
                  String description, TrainingListener listener) {
        return switch (kind) {
            case STATEFUL -> {
                StatefulLstmForecasterTrainer.Trained trained = new StatefulLstmForecasterTrainer(settings,
                    config.withTruncatedBptt(chunk, 0), listener, level)
                    .train(series, fractions, series.get(0).spec(), description);
                yield new Trained(trained.forecaster(), trained.training());
            }
            case WINDOW -> {
                LstmForecasterTrainer.Trained trained = new LstmForecasterTrainer(settings, config, listener, level)
                    .train(windows, series.get(0).spec(), description);
                yield new Trained(trained.forecaster(), trained.training());
            }
        };
    }
}
