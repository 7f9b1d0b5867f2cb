package io.vitalcast.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.AutoregressiveForecaster;
import io.vitalcast.forecasting.Backtest;
import io.vitalcast.forecasting.BacktestReport;
import io.vitalcast.forecasting.DirectAutoregressiveForecaster;
import io.vitalcast.forecasting.ForecastMetrics;
import io.vitalcast.forecasting.Forecaster;
import io.vitalcast.forecasting.ForecasterResult;
import io.vitalcast.forecasting.HoltForecaster;
import io.vitalcast.forecasting.HorizonHoltForecaster;
import io.vitalcast.forecasting.MovingAverageForecaster;
import io.vitalcast.forecasting.PersistenceForecaster;
import io.vitalcast.forecasting.ReportWriter;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.modelfile.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Backtests a model file against the baselines on the test part of a recording (the last 15% in time, which
 * {@code train} never sees). The model is scored with the intervals stored in its file, as the stream starts with
 * them, never recalibrated on the file it is scored on; each baseline's intervals are calibrated on the validation
 * part. A stateful model
 * is run one step at a time over each whole series from the start of every segment, as the stream runs it, and
 * scored on the same test windows as the baselines. The baselines are the ones a user would compare with, each
 * tuned as that user would tune it (a direct AR per horizon step, a Holt fitted per step), so that skill against
 * the best of them is not flattered by a weak one. Then each record is replayed through the production topology
 * with the model, with the online calibration and adaptation a series runs, and its published forecasts are scored
 * on the test part, as {@code experiment cross-records} scores them.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Backtest a model file against every baseline on held-out data.")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_FILE", description = "Model file from train.")
    Path model;

    @Mixin
    InputOptions input;

    @Option(names = "--signal", paramLabel = "NAME", description = "Signal to evaluate (default: the model's).")
    String signal;

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.md, metrics.json and PNG plots here.")
    Path report;

    @Option(names = "--ar-order", defaultValue = "8", description = "Order p of the iterated AR(p) baseline "
        + "(default ${DEFAULT-VALUE}); the direct AR chooses its own on the validation part.")
    int arOrder;

    @Option(names = "--ma-window", defaultValue = "5", description = "Steps of the moving-average baseline (default ${DEFAULT-VALUE}).")
    int maWindow;

    @Option(names = "--scored-from", defaultValue = "0.85", paramLabel = "FRACTION",
        description = "Through the stream, only forecasts made after this fraction of each record are scored; the "
            + "record's own baselines there are fitted before it (default ${DEFAULT-VALUE}, the test part).")
    double scoredFrom;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Vitalcast configuration of the replay through the stream (default: the built-in defaults, "
            + "as run's).")
    Path config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.atLeast("--ar-order", 1, arOrder);
        OptionChecks.atLeast("--ma-window", 1, maWindow);
        StreamScoring.checkScoredFrom(scoredFrom);
        if (report != null) {
            OptionChecks.writableDirectory("--report", report);
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainedForecaster lstm = TrainedForecaster.of(ModelFile.read(model), model);
        String name = signal == null ? lstm.signal() : signal;
        if (!name.equals(lstm.signal())) {
            throw new UserException(model + " forecasts " + lstm.signal() + ", not --signal " + name);
        }
        if (input.step == null) {
            input.step = lstm.step();
        } else if (lstm.step() != null && !input.step.equals(lstm.step())) {
            throw new UserException(model + " was trained at step " + lstm.step() + ", not --step " + input.step);
        }
        List<SeriesGroup> groups = input.groups(name, SignalCatalog.defaults());
        List<PreparedSeries> series = groups.stream().map(SeriesGroup::series).toList();
        series.forEach(s -> out.println(s.summary()));
        BacktestReport result = backtest(lstm, name, series);
        out.printf(Locale.ROOT, "%s is scored with the intervals stored in %s, as the stream starts with them (not "
            + "recalibrated on this file); the baselines' intervals are calibrated on the validation part%n",
            result.results().get(0).name(), model.getFileName());
        if (groups.size() > 1) {
            printPerRecord(out, lstm, name, groups);
            out.printf(Locale.ROOT, "%nPooled over the %d records (each baseline fitted on the training parts of "
                + "all of them):%n", groups.size());
        }
        print(out, result, series.get(0).spec().unit());
        printThroughStream(out, lstm, name, groups);
        if (report != null) {
            List<String> notes = new ArrayList<>();
            notes.add("Model: " + model.getFileName() + " (" + lstm.bundle().provenance().dataDescription() + ")");
            notes.add("Data: " + input.describe(name));
            series.forEach(s -> notes.add(s.summary()));
            ReportWriter.Written written = ReportWriter.write(result, report, new ReportWriter.Options(
                "Vitalcast evaluation: " + name, notes, series.get(0).spec().unit(), Math.min(5, lstm.horizon()),
                null));
            out.printf("Wrote %s, %s, %s and %s%n", written.markdown(), written.json(), written.forecastPlot(),
                written.errorPlot());
        }
        return 0;
    }

    /**
     * The model and every baseline on the test part of these series, the baselines fitted on their training and
     * validation parts.
     */
    private BacktestReport backtest(TrainedForecaster lstm, String name, List<PreparedSeries> series) {
        List<WindowDataset> each = series.stream().map(s -> WindowDataset.create(s.segments(), lstm.window(),
            lstm.horizon(), SplitFractions.DEFAULT)).toList();
        WindowDataset data = WindowDataset.concat(each);
        List<double[]> train = data.train().series();
        List<Forecaster> forecasters = new ArrayList<>();
        Forecaster evaluated = lstm.evaluatedOn(series, each);
        forecasters.add(evaluated);
        forecasters.add(new PersistenceForecaster());
        forecasters.add(new MovingAverageForecaster(Math.min(maWindow, lstm.window())));
        forecasters.add(AutoregressiveForecaster.fit(train, Math.min(arOrder, lstm.window())));
        forecasters.add(DirectAutoregressiveForecaster.fitChoosingOrder(data));
        forecasters.add(HoltForecaster.fit(train));
        forecasters.add(HorizonHoltForecaster.fit(train, lstm.window(), lstm.horizon()));
        StreamScoring.streamBaseline(name, lstm.horizon()).ifPresent(forecasters::add);
        return new Backtest(lstm.intervals().level(), Map.of(evaluated.name(), lstm.intervals()))
            .run(data, forecasters);
    }

    /**
     * Each record replayed through the production topology with the model, as a new patient meets it: the stored
     * intervals, the online calibration and adaptation, the alert policy; nothing fitted on the record but the
     * record's own baselines, before the scored part.
     */
    private void printThroughStream(PrintWriter out, TrainedForecaster lstm, String name, List<SeriesGroup> groups) {
        StreamScoring scoring = new StreamScoring(input, name, SignalCatalog.defaults(), config, "evaluate",
            scoredFrom);
        List<Forecaster> baselines = new ArrayList<>(List.of(new PersistenceForecaster()));
        StreamScoring.streamBaseline(name, lstm.horizon()).ifPresent(baselines::add);
        out.printf(Locale.ROOT, "%nThrough the stream, as run meets a new patient (%s's stored intervals, online "
            + "calibration and adaptation, the alert policy), the forecasts published after %.0f%% of each record "
            + "against persistence, the stream's baseline, and a direct AR and a Holt per step fitted on the "
            + "record's own steps before them:%n", model.getFileName(), 100 * scoredFrom);
        List<StreamScoring.Scored> scored = new ArrayList<>();
        for (SeriesGroup group : groups) {
            StreamScoring.Scored s = scoring.score(group, lstm, baselines);
            if (s.score().points()[0] == 0) {
                out.printf(Locale.ROOT, "  %-34s no forecast published after %.0f%% of it%n", group.name(),
                    100 * scoredFrom);
                continue;
            }
            scored.add(s);
            StreamScoring.printRecord(out, s, "");
        }
        if (scored.size() > 1) {
            StreamScoring.printSummary(out, scored.size() + " records", scored);
        }
        out.flush();
    }

    /** One line per record: the model against that record's best baseline, fitted on the record alone. */
    private void printPerRecord(PrintWriter out, TrainedForecaster lstm, String name, List<SeriesGroup> groups) {
        int[] steps = HeldOutReport.reportedSteps(lstm.horizon());
        out.printf(Locale.ROOT, "%nPer record (its baselines fitted on its own training part; skill against the best "
            + "of them at each step):%n%-34s %7s", "record", "windows");
        for (int step : steps) {
            out.printf(Locale.ROOT, "  %-38s", "h" + step + ": model / best baseline, skill");
        }
        out.println();
        for (SeriesGroup group : groups) {
            WindowDataset alone = WindowDataset.create(group.series().segments(), lstm.window(), lstm.horizon(),
                SplitFractions.DEFAULT);
            if (alone.train().size() == 0 || alone.validation().size() == 0 || alone.test().size() == 0) {
                out.printf(Locale.ROOT, "%-34s too short to score alone (%d steps): pooled only%n", group.name(),
                    group.series().totalSteps());
                continue;
            }
            BacktestReport report = backtest(lstm, name, List.of(group.series()));
            ForecasterResult evaluated = report.results().get(0);
            out.printf(Locale.ROOT, "%-34s %7d", group.name(), report.testWindows().size());
            for (int step : steps) {
                int h = step - 1;
                java.util.Optional<ForecasterResult> best = report.bestBaseline(h);
                out.printf(Locale.ROOT, "  %7.3f / %7.3f %-14s %6.1f%%", evaluated.metrics().rmse()[h],
                    best.map(b -> b.metrics().rmse()[h]).orElse(Double.NaN),
                    best.map(ForecasterResult::name).orElse("-"), 100 * evaluated.skill()[h]);
            }
            out.println();
        }
    }

    static void print(PrintWriter out, BacktestReport report, String unit) {
        out.printf(Locale.ROOT, "Test part: %d windows of %d+%d steps; intervals at %.0f%%, the baselines' calibrated "
                + "on %d validation windows; MASE scaled by in-sample persistence MAE %.4f %s%n",
            report.testWindows().size(), report.inputLength(), report.horizon(), 100 * report.level(),
            report.validationWindows(), report.maseScale(), unit);
        for (ForecasterResult r : report.results()) {
            ForecastMetrics m = r.metrics();
            out.printf(Locale.ROOT, "%n%s%s%n", r.name(), r.baseline() ? " (baseline)" : "");
            out.printf(Locale.ROOT, "%5s %9s %9s %7s %9s %9s %12s%n", "step", "MAE", "RMSE", "MASE", "coverage",
                "width", "skill (RMSE)");
            for (int h = 0; h < report.horizon(); h++) {
                out.printf(Locale.ROOT, "%5d %9.3f %9.3f %7.3f %8.1f%% %9.3f %11.1f%%%n", h + 1, m.mae()[h],
                    m.rmse()[h], m.mase()[h], 100 * m.coverage()[h], m.meanWidth()[h], 100 * r.skill()[h]);
            }
        }
        out.printf(Locale.ROOT, "%nBest baseline at each step (skill is measured against it)%n%5s  %-20s %9s%n",
            "step", "baseline", "RMSE");
        for (int h = 0; h < report.horizon(); h++) {
            int step = h;
            report.bestBaseline(h).ifPresent(b -> out.printf(Locale.ROOT, "%5d  %-20s %9.3f%n", step + 1, b.name(),
                b.metrics().rmse()[step]));
        }
        out.flush();
    }
}
