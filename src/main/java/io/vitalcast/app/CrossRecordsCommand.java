package io.vitalcast.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.vitalcast.backtest.PublishedForecastScore;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.DirectAutoregressiveForecaster;
import io.vitalcast.forecasting.Forecaster;
import io.vitalcast.forecasting.HorizonHoltForecaster;
import io.vitalcast.forecasting.PersistenceForecaster;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.training.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Cross-record evaluation: each fold of records is held out in turn, a population model is trained on the others
 * exactly as {@code train} trains one (its own validation records held out whole for early stopping and the
 * intervals), and each held-out record is replayed through the production topology with it, so that the model is
 * scored as a new patient would meet it: stored intervals, online calibration and adaptation, nothing fitted on the
 * record. The baselines are the strongest a user would try, fitted twice: on the same training records, and on the
 * held-out record's own steps before the scored part (an advantage the model does not have). Skill is measured
 * against the best of them on the same points.
 */
@Command(name = "cross-records", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Leave records out in turn: train a population model on the others as train does, replay each "
        + "held-out record through the stream with it, and score it against the best baseline on the same steps."})
final class CrossRecordsCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--signal", required = true, paramLabel = "NAME", description = "Signal to forecast.")
    String signal;

    @Mixin
    TrainingOptions trainingOptions;

    @Option(names = "--folds", paramLabel = "K",
        description = "Folds of records, record i in fold i mod K (default: one record a fold, leave-one-out).")
    Integer folds;

    @Option(names = "--validation-every", defaultValue = "5", paramLabel = "N",
        description = "Of each fold's training records, every N-th is held out whole for early stopping and the "
            + "intervals (at least one) (default ${DEFAULT-VALUE}).")
    int validationEvery;

    @Option(names = "--scored-from", defaultValue = "0.7", paramLabel = "FRACTION",
        description = "Only forecasts made after this fraction of a held-out record are scored; the record's own "
            + "baselines are fitted before it (default ${DEFAULT-VALUE}).")
    double scoredFrom;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Vitalcast configuration for the replays (default: the built-in defaults, as run's).")
    Path config;

    @Option(names = "--tuning-records", paramLabel = "REGEX",
        description = "Records (by FILE_NAME:PATIENT) that were looked at to choose settings: the summary is also "
            + "given apart for them and for the others, whose figures alone are out of sample.")
    java.util.regex.Pattern tuning;

    @Option(names = "--score-only", paramLabel = "REGEX",
        description = "Hold out and score only the folds with a record (by FILE_NAME:PATIENT) matching this; the "
            + "other records only train. To choose settings on the tuning records without computing the others.")
    java.util.regex.Pattern scoreOnly;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV here.")
    Path csv;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One held-out record's figures, with the fold it was held out in. */
    private record Scored(int fold, boolean baseOnly, StreamScoring.Scored figures) {
        SeriesGroup record() {
            return figures.record();
        }
    }

    @Override
    public Integer call() throws IOException {
        OptionChecks.atLeast("--validation-every", 2, validationEvery);
        StreamScoring.checkScoredFrom(scoredFrom);
        if (csv != null) {
            OptionChecks.writableFile("--csv", csv);
        }
        PrintWriter out = spec.commandLine().getOut();
        SignalCatalog catalog = SignalCatalog.defaults();
        ForecasterTraining training = trainingOptions.training();
        List<SeriesGroup> records = input.groups(signal, catalog);
        int k = folds == null ? records.size() : folds;
        if (records.size() < 3) {
            throw new UserException("cross-records needs at least 3 records (a file and patient each), to train on "
                + "two and hold one out; the input has " + records.size());
        }
        if (k < 2 || k > records.size()) {
            throw new UserException("--folds " + k + ": the input has " + records.size() + " records, so 2 to "
                + records.size() + " folds");
        }
        out.printf(Locale.ROOT, "%d records of %s in %d folds; scored from %.0f%% of each held-out record%n",
            records.size(), signal, k, 100 * scoredFrom);
        StreamScoring scoring = new StreamScoring(input, signal, catalog, config, "cross-records", scoredFrom);
        List<Scored> scored = new ArrayList<>();
        for (int fold = 0; fold < k; fold++) {
            List<SeriesGroup> held = new ArrayList<>();
            List<SeriesGroup> rest = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                (i % k == fold ? held : rest).add(records.get(i));
            }
            if (scoreOnly != null && held.stream().noneMatch(r -> scoreOnly.matcher(r.name()).find())) {
                continue;
            }
            RecordSplit split = validationSplit(rest);
            List<PreparedSeries> series = split.series();
            WindowDataset windows = training.windows(series, split.fractions());
            long started = System.nanoTime();
            ForecasterTraining.Trained trained = training.train(series, split.fractions(), windows,
                "cross-records fold " + (fold + 1) + " of " + k + ": " + rest.size() + " records of " + signal,
                TrainingListener.none());
            TrainedForecaster model = trained.forecaster();
            boolean baseOnly = trained.training().bestEpoch() < 0;
            out.printf(Locale.ROOT, "fold %d/%d: %d training and %d validation records, trained in %.1f s, %s%n",
                fold + 1, k, split.training().size(), split.heldOut().size(), (System.nanoTime() - started) / 1e9,
                baseOnly ? "no epoch beat the AR base (scored as the base only)"
                    : "best epoch " + (trained.training().bestEpoch() + 1));
            List<Forecaster> population = populationBaselines(windows, model);
            for (SeriesGroup record : held) {
                Scored result = new Scored(fold, baseOnly, scoring.score(record, model, population));
                scored.add(result);
                StreamScoring.printRecord(out, result.figures(), baseOnly ? " (model: AR base only)" : "");
            }
            out.flush();
        }
        if (scored.isEmpty()) {
            throw new UserException("--score-only " + scoreOnly + " matches none of the " + records.size()
                + " records");
        }
        printSummary(out, "all " + scored.size() + " held-out records", scored);
        if (tuning != null) {
            List<Scored> chose = scored.stream().filter(s -> tuning.matcher(s.record().name()).find()).toList();
            List<Scored> others = scored.stream().filter(s -> !chose.contains(s)).toList();
            if (!chose.isEmpty()) {
                printSummary(out, chose.size() + " records that chose settings (" + tuning + ")", chose);
            }
            if (!others.isEmpty()) {
                printSummary(out, others.size() + " records that did not", others);
            }
        }
        if (csv != null) {
            writeCsv(scored);
            out.printf("Wrote %s%n", csv);
        }
        out.flush();
        return 0;
    }

    /** Every {@code validationEvery}-th training record, interleaved so that validation spans the input's order. */
    private RecordSplit validationSplit(List<SeriesGroup> rest) {
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            flags.add(i % validationEvery == validationEvery - 1);
        }
        if (!flags.contains(true)) {
            flags.set(rest.size() - 1, true);
        }
        return new RecordSplit(rest, flags);
    }

    private List<Forecaster> populationBaselines(WindowDataset windows, TrainedForecaster model) {
        List<Forecaster> baselines = new ArrayList<>();
        baselines.add(new PersistenceForecaster());
        baselines.add(new StreamScoring.Named("population direct_ar",
            DirectAutoregressiveForecaster.fitChoosingOrder(windows)));
        baselines.add(new StreamScoring.Named("population holt_per_step",
            HorizonHoltForecaster.fit(windows.train().series(), model.window(), model.horizon())));
        StreamScoring.streamBaseline(signal, model.horizon()).ifPresent(baselines::add);
        return baselines;
    }

    private static void printSummary(PrintWriter out, String title, List<Scored> scored) {
        StreamScoring.printSummary(out, title, scored.stream().map(Scored::figures).toList());
    }

    private void writeCsv(List<Scored> scored) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("record,fold,h,points,model_rmse,best_baseline,best_baseline_rmse,skill,coverage,"
            + "deviation_per_hour,baseline_deviation_per_hour,base_only");
        for (Scored each : scored) {
            StreamScoring.Scored s = each.figures();
            PublishedForecastScore.Result score = s.score();
            for (int h = 0; h < score.points().length; h++) {
                int step = h;
                var best = score.bestBaseline(h);
                lines.add(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f,%s,%.6f,%.6f,%.6f,%.3f,%.3f,%b",
                    s.record().name(), each.fold() + 1, h + 1, score.points()[h], score.published().rmse()[h],
                    best.map(PublishedForecastScore.Row::name).orElse(""),
                    best.map(b -> b.rmse()[step]).orElse(Double.NaN), s.skill(h),
                    score.published().coverage()[h], s.deviationsPerHour(), s.baselineDeviationsPerHour(),
                    each.baseOnly()));
            }
        }
        Files.write(csv, lines);
    }
}
