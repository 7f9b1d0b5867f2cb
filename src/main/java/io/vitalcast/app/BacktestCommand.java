package io.vitalcast.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.backtest.AlertEvaluation;
import io.vitalcast.backtest.DetectionMetrics;
import io.vitalcast.backtest.PrematureBeatRule;
import io.vitalcast.backtest.TopologyReplay;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.data.DataException;
import io.vitalcast.data.Reading;
import io.vitalcast.data.SeriesBuilder;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.TimeUnitOption;
import io.vitalcast.data.WideCsvOptions;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.streaming.StreamingSettings;
import io.vitalcast.streaming.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replays a recording through the production topology in-process and scores its alerts against labelled abnormal
 * steps, beside a baseline detector (for RR intervals: the premature-beat rule).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Replay a recording through the production topology and score its alerts against labels.")
final class BacktestCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = "--signal", required = true, paramLabel = "NAME", description = "Signal to replay.")
    String signal;

    @Option(names = "--model", paramLabel = "MODEL_FILE", description = "Model of the signal (default: baseline).")
    Path model;

    @Option(names = "--label-column", paramLabel = "COLUMN",
        description = "Wide CSV column marking abnormal steps (values >= 1) and normal ones (0).")
    String labelColumn;

    @Option(names = "--tolerance", defaultValue = "1s", converter = DemoCommand.DurationConverter.class,
        description = "An alert is true when it opens within this time of a labelled step (default ${DEFAULT-VALUE}).")
    Duration tolerance;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Vitalcast configuration file, as for run: alert policies, limits and quality thresholds "
            + "(default: the built-in defaults, the same as run's).")
    Path config;

    @Option(names = "--margin", paramLabel = "HALF_WIDTHS",
        description = "Deviation margin beyond the interval, in half-widths (default: the configuration's).")
    String margin;

    @Option(names = "--sustain", paramLabel = "STEPS", description = "Abnormal steps that open an alert (default: the configuration's).")
    String sustain;

    @Option(names = "--clear", paramLabel = "STEPS", description = "Normal steps that resolve it (default: the configuration's).")
    String clear;

    @Option(names = "--direction", paramLabel = "both|below|above",
        description = "Which side of the interval counts for deviation alerts (default: the configuration's).")
    String direction;

    @Option(names = "--sensitivity", paramLabel = "NUMBER",
        description = "Divides the anomaly-score threshold that opens an alert (default: the configuration's).")
    String sensitivity;

    @Option(names = "--window", paramLabel = "STEPS",
        description = "m-of-n: open when --sustain of the last STEPS steps are abnormal (default: the configuration's).")
    String window;

    @Option(names = "--exit-ratio", paramLabel = "RATIO",
        description = "An open alert's steps count as normal below this fraction of the opening threshold "
            + "(default: the configuration's).")
    String exitRatio;

    @Option(names = "--realert", paramLabel = "DURATION",
        description = "No new alert of the same kind within this time after a resolve (default: the configuration's).")
    String reAlert;

    @Option(names = "--max-per-hour", paramLabel = "ALERTS",
        description = "Alerts per patient-hour; the excess is held back and counted (default: the configuration's).")
    String maxPerHour;

    @Option(names = "--no-quality", description = "Switch the signal-quality rules off (no SENSOR alerts, no "
        + "suppression; sensor-off readings still raise dropouts), to measure what they change.")
    boolean noQuality;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "A Vitalcast setting for the replay, e.g. --set vitalcast.quality.ecg_heart_rate.max.jump=100 "
            + "or --set vitalcast.limits.ecg_heart_rate.high=150; applied over --config, under the policy options.")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--list-alerts", description = "Print every alert event (time from the start, kind, state, "
        + "message).")
    boolean listAlerts;

    @Option(names = "--report", paramLabel = "DIR", description = "Write metrics.json and backtest.png here.")
    Path report;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (report != null) {
            OptionChecks.writableDirectory("--report", report);
        }
        PrintWriter out = spec.commandLine().getOut();
        SignalCatalog catalog = SignalCatalog.defaults();
        List<Reading> readings = input.readingsOf(signal, catalog);
        TrainedForecaster forecaster = model == null ? null : TrainedForecaster.of(ModelFile.read(model), model);
        SignalSpec spec = resolveSpec(catalog.spec(signal), readings, forecaster);
        List<Setting> settings = new ArrayList<>();
        settings.add(new Setting("bootstrap.servers", "in-process:0", "backtest"));
        assignments.forEach(a -> settings.add(io.vitalcast.config.ConfigLayers.assignment(a, "--set")));
        policyOption(settings, "margin", margin, "--margin");
        policyOption(settings, "sustain.steps", sustain, "--sustain");
        policyOption(settings, "clear.steps", clear, "--clear");
        policyOption(settings, "direction", direction, "--direction");
        policyOption(settings, "sensitivity", sensitivity, "--sensitivity");
        policyOption(settings, "sustain.window.steps", window, "--window");
        policyOption(settings, "exit.ratio", exitRatio, "--exit-ratio");
        policyOption(settings, "realert.interval", reAlert, "--realert");
        if (maxPerHour != null) {
            settings.add(new Setting(io.vitalcast.config.ConfigKeys.ALERT_MAX_PER_PATIENT_HOUR, maxPerHour,
                "--max-per-hour"));
        }
        VitalcastConfig configuration = VitalcastConfig.load(config, Map.of(), settings);
        spec = spec.withQuality(noQuality ? io.vitalcast.quality.QualitySpec.off()
            : configuration.signals().get(signal).quality());
        io.vitalcast.alerting.AlertPolicy policy = configuration.alertPolicies().get(signal);
        StreamingSettings streaming = replaySettings(configuration, signal, spec);
        ModelRegistry models = forecaster == null ? ModelRegistry.baselines() : ModelRegistry.of(forecaster);

        TopologyReplay.Output output = TopologyReplay.run(readings, streaming, models);
        long first = readings.stream().mapToLong(r -> r.timestamp().toEpochMilli()).min().orElseThrow();
        long last = readings.stream().mapToLong(r -> r.timestamp().toEpochMilli()).max().orElseThrow();
        long[] events = labelColumn == null ? null : labelledEvents();
        long[] alerts = output.openTimesMs(io.vitalcast.alerting.AlertKind.SENSOR);
        Map<String, DetectionMetrics> results = new LinkedHashMap<>();
        results.put("vitalcast", AlertEvaluation.evaluate(alerts, events, tolerance.toMillis(), last - first));
        long[] rule = null;
        if (signal.equals("rr_interval")) {
            long[] times = readings.stream().mapToLong(r -> r.timestamp().toEpochMilli()).toArray();
            double[] rr = readings.stream().mapToDouble(Reading::value).toArray();
            rule = PrematureBeatRule.flag(times, rr);
            results.put("baseline_rule", AlertEvaluation.evaluate(rule, events, tolerance.toMillis(), last - first));
        }
        out.printf(Locale.ROOT, "%s: %d readings over %.2f h, %d forecasts, %d rejected, %d alert events; "
                + "model %s; margin %.2f, direction %s, sustain %d of %d, clear %d, sensitivity %.2f, exit ratio %.2f, "
                + "deviation from the step-%d forecast, re-alert %s, max/h %d, tolerance %s%n",
            input.describe(signal),
            readings.size(), (last - first) / 3.6e6, output.forecasts().size(), output.rejected(),
            output.alerts().size(), forecaster == null ? "baseline " + models.modelOf(signal).info().name()
                : model.getFileName(), policy.margin(), policy.direction(), policy.sustainSteps(), policy.windowSteps(),
            policy.clearSteps(), policy.sensitivity(), policy.exitRatio(), policy.deviationHorizonStep(),
            policy.reAlert(),
            configuration.maxAlertsPerPatientHour(), tolerance);
        long sensorAlerts = output.alerts().stream().filter(a -> a.kind() == io.vitalcast.alerting.AlertKind.SENSOR
            && a.state() == io.vitalcast.alerting.AlertState.OPEN).count();
        out.printf(Locale.ROOT, "signal quality %s: %d SENSOR alerts (not scored as detections)%n",
            noQuality ? "off" : "on", sensorAlerts);
        printStreamFigures(out, output, models.modelOf(signal), last - first);
        if (listAlerts) {
            for (io.vitalcast.alerting.AlertEvent a : output.alerts()) {
                out.printf(Locale.ROOT, "  %s  %-15s %-8s %-8s %s%n", a.timestamp(), a.kind(), a.state(),
                    a.severity(), a.message());
            }
        }
        out.printf(Locale.ROOT, "%-14s %7s %7s %10s %9s %7s %7s %12s %12s%n", "detector", "alerts", "events",
            "alerts/h", "precision", "recall", "F1", "false al./h", "median delay");
        results.forEach((name, m) -> out.printf(Locale.ROOT, "%-14s %7d %7d %10.1f %9.3f %7.3f %7.3f %12.1f %11.2fs%n",
            name, m.alerts(), m.events(), m.alertsPerHour(), m.precision(), m.recall(), m.f1(),
            m.falseAlarmsPerHour(), m.medianDelaySeconds()));
        if (report != null) {
            Files.createDirectories(report);
            Map<String, Object> json = new LinkedHashMap<>();
            results.forEach((name, m) -> json.put(name, metricsJson(m)));
            json.putAll(metricsJson(results.get("vitalcast")));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(report.resolve("metrics.json").toFile(), json);
            io.vitalcast.backtest.BacktestPlotWriter.write(report.resolve("backtest.png"), "Vitalcast backtest: "
                + input.describe(signal), spec.unit(), readings, output.forecasts(), events == null ? new long[0]
                : events, alerts, rule);
            out.printf("Wrote %s and %s%n", report.resolve("metrics.json"), report.resolve("backtest.png"));
        }
        out.flush();
        return 0;
    }

    /** The settings of an in-process replay of one signal, with the configuration's alert policy and limits. */
    static StreamingSettings replaySettings(VitalcastConfig configuration, String signal, SignalSpec spec) {
        return new StreamingSettings(Topics.defaults(), Map.of(signal, spec), null,
            spec.isEventDriven() ? Duration.ZERO : spec.step(), configuration.alertMargin(),
            configuration.alertSustainSteps(), configuration.alertClearSteps(), configuration.limits(),
            Map.of(signal, configuration.alertPolicies().get(signal)), configuration.maxAlertsPerPatientHour(),
            configuration.online());
    }

    private void policyOption(List<Setting> settings, String field, String value, String option) {
        if (value != null) {
            settings.add(new Setting(io.vitalcast.config.ConfigKeys.alertPolicy(signal, field), value, option));
        }
    }

    private static Map<String, Object> metricsJson(DetectionMetrics m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alerts_per_hour", finite(m.alertsPerHour()));
        json.put("precision", finite(m.precision()));
        json.put("recall", finite(m.recall()));
        json.put("f1", finite(m.f1()));
        json.put("false_alarms_per_hour", finite(m.falseAlarmsPerHour()));
        json.put("median_delay_s", finite(m.medianDelaySeconds()));
        json.put("alerts", m.alerts());
        json.put("events", m.events());
        return json;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private SignalSpec resolveSpec(SignalSpec spec, List<Reading> readings, TrainedForecaster forecaster) {
        if (spec.isEventDriven()) {
            return spec;
        }
        Duration step = input.step != null ? input.step : forecaster != null ? forecaster.step() : null;
        if (step == null) {
            step = SeriesBuilder.inferStep(new SeriesKey(readings.get(0).patientId(), signal), readings);
        }
        return spec.withStep(step);
    }

    /** Times of the rows whose label column is at least 1, read from the wide CSV with the input's time options. */
    private long[] labelledEvents() throws IOException {
        if (input.timeColumn == null) {
            throw new UserException("--label-column needs a wide CSV with --time-column");
        }
        TimeUnitOption unit = TimeUnitOption.parse(input.timeUnit);
        List<Long> events = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(input.file())) {
            String first = reader.readLine();
            if (first == null) {
                throw new DataException(input.file() + ": empty file, expected a header row");
            }
            List<String> header = Arrays.asList(first.split(",", -1));
            int timeIndex = header.indexOf(input.timeColumn);
            int labelIndex = header.indexOf(labelColumn);
            if (labelIndex < 0 || timeIndex < 0) {
                throw new UserException(input.file() + ": no column '" + (labelIndex < 0 ? labelColumn
                    : input.timeColumn) + "'; columns are " + String.join(", ", header));
            }
            String line;
            int row = 1;
            while ((line = reader.readLine()) != null) {
                row++;
                String[] cells = line.split(",", -1);
                if (cells.length <= Math.max(timeIndex, labelIndex) || cells[labelIndex].isBlank()) {
                    continue;
                }
                if (label(row, cells[labelIndex]) >= 1) {
                    events.add(labelTime(row, cells[timeIndex], unit).toEpochMilli());
                }
            }
        }
        return events.stream().mapToLong(Long::longValue).toArray();
    }

    private double label(int row, String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new DataException(input.file() + ":" + row + ": label '" + cell + "' in column '" + labelColumn
                + "' is not a number");
        }
    }

    private Instant labelTime(int row, String cell, TimeUnitOption unit) {
        try {
            return unit.toInstant(cell, WideCsvOptions.DEFAULT_ORIGIN);
        } catch (IllegalArgumentException e) {
            throw new DataException(input.file() + ":" + row + ": time '" + cell + "' in column '" + input.timeColumn
                + "' is not valid for time unit " + unit.symbol());
        }
    }

    /** What the stream's online learning did: alerts opened per hour by kind, coverage and errors per horizon step. */
    private static void printStreamFigures(PrintWriter out, TopologyReplay.Output output, OnlineModel model,
                                           long spanMs) {
        out.printf(Locale.ROOT, "alerts opened per hour: DEVIATION %.1f, LIMIT %.1f, PREDICTED_LIMIT %.1f%n",
            output.openedPerHour(io.vitalcast.alerting.AlertKind.DEVIATION, spanMs),
            output.openedPerHour(io.vitalcast.alerting.AlertKind.LIMIT, spanMs),
            output.openedPerHour(io.vitalcast.alerting.AlertKind.PREDICTED_LIMIT, spanMs));
        StringBuilder coverage = new StringBuilder();
        output.coverage().forEach((horizon, c) -> coverage.append(String.format(Locale.ROOT, " h%d %.1f%%", horizon,
            100 * c.fraction())));
        out.printf(Locale.ROOT, "%.0f%% interval coverage as the stream scored it (online calibration):%s%n",
            100 * model.intervals().level(), coverage.length() == 0 ? " none" : coverage);
        StringBuilder errors = new StringBuilder();
        output.errors().forEach((horizon, e) -> errors.append(String.format(Locale.ROOT, " h%d %.4g/%.4g", horizon,
            e.published(), e.population())));
        out.printf(Locale.ROOT, "MAE published/population model (online adaptation):%s%n",
            errors.length() == 0 ? " none" : errors);
    }
}
