package io.vitalcast.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.vitalcast.alerting.AlertKind;
import io.vitalcast.backtest.PublishedForecastScore;
import io.vitalcast.backtest.TopologyReplay;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Reading;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.DirectAutoregressiveForecaster;
import io.vitalcast.forecasting.Forecaster;
import io.vitalcast.forecasting.HorizonHoltForecaster;
import io.vitalcast.forecasting.ModelKind;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineForecaster;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.forecasting.TrainedForecaster;

/**
 * A record replayed through the production topology with a model, as {@code run} would meet a new patient with it
 * (the intervals stored in the model, the online calibration and adaptation, the alert policy), its published
 * forecasts scored after a fraction of the record against baselines on the same points: the ones the caller brings
 * and a direct AR and a Holt per step fitted on the record's own steps before the scored part. Shared by
 * {@code evaluate} and {@code experiment cross-records}, so that both report the same figures the same way.
 */
final class StreamScoring {
    private final InputOptions input;
    private final String signal;
    private final SignalCatalog catalog;
    private final VitalcastConfig configuration;
    private final double scoredFrom;

    /** One record's figures through the stream. */
    record Scored(SeriesGroup record, PublishedForecastScore.Result score, double deviationsPerHour,
                  double baselineDeviationsPerHour) {
        double skill(int h) {
            return score.bestBaseline(h).map(b -> 1 - score.published().rmse()[h] / b.rmse()[h]).orElse(Double.NaN);
        }

        int horizon() {
            return score.points().length;
        }
    }

    /**
     * @param config     the replay's configuration file, or null for the built-in defaults, as {@code run}'s
     * @param command    the command replaying, named as the source of the in-process broker setting
     * @param scoredFrom fraction of each record before which forecasts are not scored
     */
    StreamScoring(InputOptions input, String signal, SignalCatalog catalog, Path config, String command,
                  double scoredFrom) {
        checkScoredFrom(scoredFrom);
        // every replay would otherwise repeat the test driver's start-up warnings
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        this.input = input;
        this.signal = signal;
        this.catalog = catalog;
        this.configuration = VitalcastConfig.load(config, Map.of(),
            List.of(new Setting("bootstrap.servers", "in-process:0", command)));
        this.scoredFrom = scoredFrom;
    }

    /** Fails in one line unless {@code --scored-from} leaves a scored part and a part to fit the own baselines on. */
    static void checkScoredFrom(double scoredFrom) {
        if (!(scoredFrom >= 0.3 && scoredFrom < 1)) {
            throw new UserException("--scored-from must be at least 0.3 and below 1, was " + scoredFrom);
        }
    }

    /** The record through the topology with the model, and once more with the stream's baseline for its alerts. */
    Scored score(SeriesGroup record, TrainedForecaster model, List<Forecaster> baselines) {
        PreparedSeries series = record.series();
        SignalSpec spec = series.spec().withQuality(configuration.signals().get(signal).quality());
        List<Reading> readings = input.readingsOf(record, signal, catalog);
        List<Forecaster> all = new ArrayList<>(baselines);
        all.addAll(ownBaselines(series, model));
        var settings = BacktestCommand.replaySettings(configuration, signal, spec);
        TopologyReplay.Output replay = TopologyReplay.run(readings, settings, ModelRegistry.of(model));
        TopologyReplay.Output baselineReplay = TopologyReplay.run(readings, settings, ModelRegistry.baselines());
        long first = readings.stream().mapToLong(r -> r.timestamp().toEpochMilli()).min().orElseThrow();
        long last = readings.stream().mapToLong(r -> r.timestamp().toEpochMilli()).max().orElseThrow();
        PublishedForecastScore.Result score = PublishedForecastScore.score(readings, spec, replay.forecasts(),
            model.horizon(), scoredFrom, all);
        return new Scored(record, score, replay.openedPerHour(AlertKind.DEVIATION, last - first),
            baselineReplay.openedPerHour(AlertKind.DEVIATION, last - first));
    }

    /** A direct AR and a Holt per step fitted on the record's own steps before the scored part. */
    private List<Forecaster> ownBaselines(PreparedSeries series, TrainedForecaster model) {
        SplitFractions before = new SplitFractions(scoredFrom - 0.15, 0.15, 1 - scoredFrom);
        WindowDataset own = WindowDataset.ofSeries(List.of(series), model.window(), model.horizon(),
            List.of(before));
        if (own.train().size() == 0 || own.validation().size() == 0) {
            return List.of();
        }
        return List.of(new Named("own direct_ar", DirectAutoregressiveForecaster.fitChoosingOrder(own)),
            new Named("own holt_per_step", HorizonHoltForecaster.fit(own.train().series(), model.window(),
                model.horizon())));
    }

    /**
     * The signal's stream baseline as a forecaster to score against, when it is more than persistence (which every
     * comparison has already) and forecasts at least {@code horizon} steps.
     */
    static Optional<Forecaster> streamBaseline(String signal, int horizon) {
        OnlineModel stream = ModelRegistry.baselines().modelOf(signal);
        return stream.kind() != ModelKind.PERSISTENCE && stream.horizon() >= horizon
            ? Optional.of(new OnlineForecaster(stream)) : Optional.empty();
    }

    /** RMSE, best baseline, skill and coverage at steps 1, H/2 and H, and the alerts per hour. */
    static void printRecord(PrintWriter out, Scored s, String note) {
        PublishedForecastScore.Result score = s.score();
        PublishedForecastScore.Row published = score.published();
        for (int step : HeldOutReport.reportedSteps(s.horizon())) {
            int h = step - 1;
            var best = score.bestBaseline(h);
            out.printf(Locale.ROOT, "  %-34s h%-2d %6d points  model RMSE %8.4f  best baseline %-26s %8.4f  "
                    + "skill %6.1f%%  coverage %5.1f%%%n", s.record().name(), step, score.points()[h],
                published.rmse()[h], best.map(PublishedForecastScore.Row::name).orElse("-"),
                best.map(b -> b.rmse()[h]).orElse(Double.NaN), 100 * s.skill(h), 100 * published.coverage()[h]);
        }
        out.printf(Locale.ROOT, "  %-34s DEVIATION alerts opened per hour: %.1f with the model, %.1f with the stream "
            + "baseline%s%n", s.record().name(), s.deviationsPerHour(), s.baselineDeviationsPerHour(), note);
    }

    /** Skill and coverage over the records, their alerts per hour, and every forecaster's RMSE pooled. */
    static void printSummary(PrintWriter out, String title, List<Scored> scored) {
        int horizon = scored.get(0).horizon();
        int[] steps = HeldOutReport.reportedSteps(horizon);
        out.printf(Locale.ROOT, "%nOver %s (skill: 1 - model RMSE / best baseline RMSE on the same points, each "
            + "record's best)%n", title);
        out.printf(Locale.ROOT, "%5s %12s %12s %12s %22s %14s %14s%n", "step", "mean skill", "min skill",
            "max skill", "records model worse", "mean coverage", "coverage range");
        for (int step : steps) {
            int h = step - 1;
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double coverageSum = 0;
            double coverageMin = Double.POSITIVE_INFINITY;
            double coverageMax = Double.NEGATIVE_INFINITY;
            int worse = 0;
            int counted = 0;
            for (Scored s : scored) {
                double skill = s.skill(h);
                double coverage = s.score().published().coverage()[h];
                if (!Double.isFinite(skill)) {
                    continue;
                }
                counted++;
                sum += skill;
                min = Math.min(min, skill);
                max = Math.max(max, skill);
                worse += skill < 0 ? 1 : 0;
                coverageSum += coverage;
                coverageMin = Math.min(coverageMin, coverage);
                coverageMax = Math.max(coverageMax, coverage);
            }
            out.printf(Locale.ROOT, "%5d %11.1f%% %11.1f%% %11.1f%% %15d of %-4d %13.1f%% %6.1f-%5.1f%%%n", step,
                100 * sum / counted, 100 * min, 100 * max, worse, counted, 100 * coverageSum / counted,
                100 * coverageMin, 100 * coverageMax);
        }
        out.printf(Locale.ROOT, "DEVIATION alerts opened per hour, mean over records: %.2f with the model, %.2f with "
            + "the stream baseline%n", scored.stream().mapToDouble(Scored::deviationsPerHour).average().orElse(0),
            scored.stream().mapToDouble(Scored::baselineDeviationsPerHour).average().orElse(0));
        Map<String, double[]> pooled = new LinkedHashMap<>();
        for (Scored s : scored) {
            for (PublishedForecastScore.Row row : s.score().rows()) {
                double[] sums = pooled.computeIfAbsent(row.name(), n -> new double[2 * horizon]);
                for (int h = 0; h < horizon; h++) {
                    if (Double.isFinite(row.rmse()[h])) {
                        sums[h] += row.rmse()[h] * row.rmse()[h] * s.score().points()[h];
                        sums[horizon + h] += s.score().points()[h];
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "Pooled RMSE over every scored point:%n%-30s", "forecaster");
        for (int step : steps) {
            out.printf(Locale.ROOT, " %9s", "h" + step);
        }
        out.println();
        pooled.forEach((name, sums) -> {
            out.printf(Locale.ROOT, "%-30s", name);
            for (int step : steps) {
                out.printf(Locale.ROOT, " %9.4f", Math.sqrt(sums[step - 1] / sums[horizon + step - 1]));
            }
            out.println();
        });
    }

    /** A baseline under the name that says what it was fitted on. */
    record Named(String name, Forecaster forecaster) implements Forecaster {
        @Override
        public int minHistory() {
            return forecaster.minHistory();
        }

        @Override
        public double[] forecast(double[] history, int horizon) {
            return forecaster.forecast(history, horizon);
        }

        @Override
        public boolean isBaseline() {
            return true;
        }
    }
}
