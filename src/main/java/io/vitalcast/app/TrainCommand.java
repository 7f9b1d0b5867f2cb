package io.vitalcast.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.ConformalIntervals;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.training.TrainingResult;
import io.vitalcast.modelfile.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains an LSTM forecaster of one signal on a recording and writes its model file. The recording is split in time
 * (70% training, 15% validation for early stopping and interval calibration, 15% test left for {@code evaluate}).
 * Given several records (files, or patients within a file), it trains one model on all of them and holds out whole
 * records for validation instead ({@link RecordSplit}), so the epoch kept is the one that does best on patients it
 * did not train on, and it reports the model on each held-out record ({@link HeldOutReport}).
 * The stateful kind (default) is what the streaming processor runs in O(1) per reading; the window kind is the
 * earlier model, kept for comparison.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Train an LSTM forecaster of one signal on one or more readings CSVs and write a model file.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--signal", required = true, paramLabel = "NAME", description = "Signal to forecast, e.g. heart_rate.")
    String signal;

    @Option(names = "--output", required = true, paramLabel = "MODEL_FILE", description = "Model file to write.")
    Path output;

    @Mixin
    TrainingOptions trainingOptions;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "Serve training metrics (loss, gradient norm, clipping) at http://HOST:PORT/metrics while "
            + "training.")
    Integer metricsPort;

    @Option(names = "--allow-base-only", description = "Write the model even when no epoch improved on its AR base "
        + "(by default train then fails without writing it).")
    boolean allowBaseOnly;

    @Option(names = "--holdout-records", paramLabel = "N",
        description = "With two or more records (a file and patient each): how many, the last in input order, are "
            + "held out whole for validation, early stopping and interval calibration (default 1).")
    Integer holdoutRecords;

    @Option(names = "--validation-record", paramLabel = "FILE_OR_PATIENT",
        description = "Hold out this record for validation instead: a file (path or name), a patient id or "
            + "FILE_NAME:PATIENT (repeatable).")
    List<String> validationRecords = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OptionChecks.writableFile("--output", output);
        if (metricsPort != null) {
            OptionChecks.between("--metrics-port", 0, 65_535, metricsPort);
        }
        PrintWriter out = spec.commandLine().getOut();
        SignalCatalog catalog = SignalCatalog.defaults();
        List<SeriesGroup> groups = input.groups(signal, catalog);
        Optional<RecordSplit> split = RecordSplit.choose(groups, holdoutRecords, validationRecords);
        List<PreparedSeries> series = groups.stream().map(SeriesGroup::series).toList();
        groups.forEach(g -> out.println((groups.size() > 1 ? g.file().getFileName() + " " : "")
            + g.series().summary()));
        split.ifPresent(s -> out.printf("Holding out %d of %d records for validation: %s; training on %s%n",
            s.heldOut().size(), groups.size(), names(s.heldOut()), names(s.training())));
        List<SplitFractions> fractions = split.map(RecordSplit::fractions)
            .orElse(Collections.nCopies(series.size(), SplitFractions.DEFAULT));
        ForecasterTraining training = trainingOptions.training();
        WindowDataset data = training.windows(series, fractions);
        io.vitalcast.metrics.MetricsServer metricsServer = null;
        io.vitalcast.training.TrainingListener listener = new ProgressBar(spec.commandLine().getErr(), signal);
        if (metricsPort != null) {
            var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            try {
                metricsServer = io.vitalcast.metrics.MetricsServer.start(registry, metricsPort);
            } catch (BindException e) {
                throw new UserException("--metrics-port: cannot listen on port " + metricsPort + " ("
                    + e.getMessage() + ")");
            }
            listener = new io.vitalcast.training.CompositeListener(List.of(listener,
                new io.vitalcast.metrics.TrainingMetrics(registry, signal)));
            out.printf("Training metrics at %s%n", metricsServer.uri());
        }
        ForecasterTraining.Trained trained;
        try {
            out.println(training.plan(data));
            out.flush();
            trained = training.train(series, fractions, data, input.describe(signal), listener);
        } finally {
            if (metricsServer != null) {
                metricsServer.close();
            }
        }
        TrainedForecaster forecaster = trained.forecaster();
        TrainingResult result = trained.training();
        if (result.bestEpoch() < 0 && !allowBaseOnly) {
            throw new UserException("no epoch of " + result.history().size() + " improved on the model's AR base on the "
                + "validation data, so the LSTM would add nothing; " + output + " not written (--allow-base-only "
                + "writes it anyway)");
        }
        ModelFile.write(forecaster.bundle(), output);
        ConformalIntervals intervals = forecaster.intervals();
        String best = result.bestEpoch() < 0 ? "no epoch improved on the initial model"
            : "best epoch " + (result.bestEpoch() + 1);
        out.printf(Locale.ROOT, "Trained %d epochs, %s, validation loss %.5f (scaled), clipped %.1f%% of updates%n",
            result.history().size(), best, result.bestValidationLoss(), 100 * result.clippingRate());
        out.printf(Locale.ROOT, "%.0f%% interval half-width by step (%s): %s%n", 100 * trainingOptions.level(),
            series.get(0).spec().unit(), formatted(intervals.halfWidths()));
        split.ifPresent(s -> HeldOutReport.of(forecaster, s).print(out, series.get(0).spec().unit()));
        out.printf("Wrote %s%n", output);
        return 0;
    }

    private static String names(List<SeriesGroup> groups) {
        return groups.stream().map(SeriesGroup::name).collect(Collectors.joining(", "));
    }

    private static String formatted(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return text.toString();
    }
}
