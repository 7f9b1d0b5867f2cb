package io.vitalcast.forecasting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalcast.data.Window;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Writes a {@link BacktestReport} for people and for tools: {@code report.md} (tables), {@code metrics.json} (the
 * same numbers, non-finite values as null) and two PNG plots: forecast against actual with the interval band over
 * time at one horizon step, and RMSE by horizon step per forecaster. Charts are drawn headless.
 */
public final class ReportWriter {
    /** File names written into the output directory. */
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "metrics.json";
    public static final String FORECAST_PLOT = "forecast.png";
    public static final String ERROR_PLOT = "rmse_by_horizon.png";

    /** Distinguishable line colours (the "tab10" palette), in forecaster order. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;

    /**
     * What to put in the report beyond the numbers.
     *
     * @param title       report title
     * @param notes       lines shown under the title (data source, preparation summary), may be empty
     * @param unit        unit of the values, for axis labels and tables
     * @param plotStep    horizon step plotted over time, 1-based
     * @param plotForecaster forecaster plotted over time, or null for the best one by mean RMSE
     */
    public record Options(String title, List<String> notes, String unit, int plotStep, String plotForecaster) {
        public Options {
            Objects.requireNonNull(title, "title");
            notes = List.copyOf(notes);
            unit = unit == null ? "" : unit;
            if (plotStep < 1) {
                throw new IllegalArgumentException("plot step is 1-based, got " + plotStep);
            }
        }

        /** A plain report plotting step 1 of the best forecaster. */
        public static Options defaults() {
            return new Options("Vitalcast backtest", List.of(), "", 1, null);
        }
    }

    /**
     * The files written.
     *
     * @param markdown     tables for people
     * @param json         the same numbers for tools
     * @param forecastPlot forecast, interval band and actual values over time at the chosen step
     * @param errorPlot    RMSE by horizon step per forecaster
     */
    public record Written(Path markdown, Path json, Path forecastPlot, Path errorPlot) {
    }

    private ReportWriter() {
    }

    public static Written write(BacktestReport report, Path directory) {
        return write(report, directory, Options.defaults());
    }

    /**
     * Writes the report files into {@code directory}, creating it.
     *
     * @throws IllegalArgumentException when the plot step exceeds the horizon or the plotted forecaster is unknown
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static Written write(BacktestReport report, Path directory, Options options) {
        if (options.plotStep() > report.horizon()) {
            throw new IllegalArgumentException("plot step " + options.plotStep() + " exceeds the horizon "
                + report.horizon());
        }
        ForecasterResult plotted = options.plotForecaster() == null ? report.best()
            : report.result(options.plotForecaster()).orElseThrow(() -> new IllegalArgumentException(
                "no forecaster named " + options.plotForecaster() + " in the report; there are "
                    + report.results().stream().map(ForecasterResult::name).toList()));
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(directory);
            Written written = new Written(directory.resolve(MARKDOWN), directory.resolve(JSON),
                directory.resolve(FORECAST_PLOT), directory.resolve(ERROR_PLOT));
            Files.writeString(written.markdown(), markdown(report, options, plotted), StandardCharsets.UTF_8);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(written.json().toFile(), json(report));
            ChartUtils.saveChartAsPNG(written.forecastPlot().toFile(),
                forecastChart(report, plotted, options.plotStep() - 1, options.unit()), WIDTH, HEIGHT);
            ChartUtils.saveChartAsPNG(written.errorPlot().toFile(), errorChart(report, options.unit()), WIDTH,
                HEIGHT);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report to " + directory + ": " + e.getMessage(), e);
        }
    }

    static String markdown(BacktestReport report, Options options, ForecasterResult plotted) {
        StringBuilder md = new StringBuilder();
        String unit = options.unit().isEmpty() ? "" : " (" + options.unit() + ")";
        md.append("# ").append(options.title()).append("\n\n");
        for (String note : options.notes()) {
            md.append("- ").append(note).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- Windows: %d steps of history, %d steps ahead; %d training steps, "
                + "%d validation windows (interval calibration), %d test windows (scored).%n",
            report.inputLength(), report.horizon(), report.trainSteps(), report.validationWindows(),
            report.testWindows().size()));
        md.append(String.format(Locale.ROOT, "- Intervals: split conformal, %.0f %% aimed coverage. "
            + "MASE scale (training one-step persistence MAE): %s%s.%n", 100 * report.level(),
            format(report.maseScale()), unit));
        md.append("- Skill: 1 - RMSE / RMSE of the best baseline at the same step (above 0 beats every baseline); "
            + "the last column of the RMSE table names it.\n\n");

        md.append("## Summary (mean over horizon steps)\n\n| forecaster | baseline |");
        for (ForecastMetric metric : ForecastMetric.values()) {
            md.append(' ').append(heading(metric, unit)).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(ForecastMetric.values().length)).append('\n');
        for (ForecasterResult result : report.results()) {
            md.append("| ").append(result.name()).append(" | ").append(result.baseline() ? "yes" : "no").append(" |");
            for (ForecastMetric metric : ForecastMetric.values()) {
                md.append(' ').append(format(metric.meanOf(result))).append(" |");
            }
            md.append('\n');
        }
        md.append("\n## RMSE").append(unit).append(" by horizon step\n\n| step |");
        for (ForecasterResult result : report.results()) {
            md.append(' ').append(result.name()).append(" |");
        }
        md.append(" best baseline |");
        md.append("\n|---|").append("---|".repeat(report.results().size() + 1)).append('\n');
        for (int h = 0; h < report.horizon(); h++) {
            md.append("| ").append(h + 1).append(" |");
            for (ForecasterResult result : report.results()) {
                md.append(' ').append(format(result.metrics().rmse()[h])).append(" |");
            }
            md.append(' ').append(report.bestBaseline(h).map(ForecasterResult::name).orElse("none")).append(" |");
            md.append('\n');
        }

        for (ForecasterResult result : report.results()) {
            md.append("\n## ").append(result.name()).append("\n\n| step |");
            for (ForecastMetric metric : ForecastMetric.values()) {
                md.append(' ').append(heading(metric, unit)).append(" |");
            }
            md.append("\n|---|").append("---|".repeat(ForecastMetric.values().length)).append('\n');
            for (int h = 0; h < report.horizon(); h++) {
                md.append("| ").append(h + 1).append(" |");
                for (ForecastMetric metric : ForecastMetric.values()) {
                    md.append(' ').append(format(metric.of(result)[h])).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\n## Plots\n\n");
        md.append("![").append(plotted.name()).append(" at step ").append(options.plotStep()).append("](")
            .append(FORECAST_PLOT).append(")\n\n");
        md.append("![RMSE by horizon step](").append(ERROR_PLOT).append(")\n");
        return md.toString();
    }

    static ObjectNode json(BacktestReport report) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("inputLength", report.inputLength());
        root.put("horizon", report.horizon());
        root.put("level", report.level());
        putNumber(root, "maseScale", report.maseScale());
        root.put("trainSteps", report.trainSteps());
        root.put("validationWindows", report.validationWindows());
        root.put("testWindows", report.testWindows().size());
        ArrayNode bestBaselines = root.putArray("bestBaseline");
        for (int h = 0; h < report.horizon(); h++) {
            report.bestBaseline(h).ifPresentOrElse(b -> bestBaselines.add(b.name()), bestBaselines::addNull);
        }
        ArrayNode forecasters = root.putArray("forecasters");
        for (ForecasterResult result : report.results()) {
            ObjectNode node = forecasters.addObject();
            node.put("name", result.name());
            node.put("baseline", result.baseline());
            ObjectNode mean = node.putObject("mean");
            for (ForecastMetric metric : ForecastMetric.values()) {
                putNumber(mean, metric.key(), metric.meanOf(result));
            }
            ArrayNode steps = node.putArray("steps");
            for (int h = 0; h < report.horizon(); h++) {
                ObjectNode step = steps.addObject();
                step.put("step", h + 1);
                for (ForecastMetric metric : ForecastMetric.values()) {
                    putNumber(step, metric.key(), metric.of(result)[h]);
                }
            }
        }
        return root;
    }

    private static String heading(ForecastMetric metric, String unit) {
        return metric.inValueUnits() ? metric.label() + unit : metric.label();
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    static JFreeChart forecastChart(BacktestReport report, ForecasterResult result, int h, String unit) {
        boolean timed = !report.testWindows().isEmpty() && report.testWindows().get(0).firstTargetTime() != null;
        YIntervalSeries band = new YIntervalSeries(result.name() + " forecast with "
            + Math.round(100 * report.level()) + " % interval");
        XYSeries actual = new XYSeries("actual");
        double halfWidth = result.intervals().halfWidth(h);
        List<Window> windows = report.testWindows();
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            double x;
            if (timed) {
                Instant time = window.targetTime(h);
                x = time.toEpochMilli();
            } else {
                x = window.targetIndex() + h;
            }
            double forecast = result.forecasts()[i][h];
            double width = Double.isFinite(halfWidth) ? halfWidth : 0;
            band.add(x, forecast, forecast - width, forecast + width);
            actual.add(x, window.target()[h]);
        }
        YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
        bandData.addSeries(band);
        XYSeriesCollection actualData = new XYSeriesCollection(actual);

        ValueAxis xAxis;
        if (timed) {
            xAxis = new DateAxis("time (UTC)");
        } else {
            NumberAxis readingAxis = new NumberAxis("step (reading number)");
            readingAxis.setAutoRangeIncludesZero(false);
            xAxis = readingAxis;
        }
        NumberAxis yAxis = new NumberAxis(unit.isEmpty() ? "value" : "value (" + unit + ")");
        yAxis.setAutoRangeIncludesZero(false);
        DeviationRenderer bandRenderer = new DeviationRenderer(true, false);
        bandRenderer.setSeriesPaint(0, PALETTE[0]);
        bandRenderer.setSeriesFillPaint(0, PALETTE[0]);
        bandRenderer.setAlpha(0.25f);
        bandRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(bandData, xAxis, yAxis, bandRenderer);
        XYLineAndShapeRenderer actualRenderer = new XYLineAndShapeRenderer(true, false);
        actualRenderer.setSeriesPaint(0, Color.BLACK);
        actualRenderer.setSeriesStroke(0, new BasicStroke(1.0f));
        plot.setDataset(1, actualData);
        plot.setRenderer(1, actualRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "%s, %d step(s) ahead, test part "
            + "(interval half-width %s)", result.name(), h + 1, format(halfWidth)), JFreeChart.DEFAULT_TITLE_FONT,
            plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static JFreeChart errorChart(BacktestReport report, String unit) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ForecasterResult result : report.results()) {
            XYSeries series = new XYSeries(result.name());
            double[] rmse = result.metrics().rmse();
            for (int h = 0; h < rmse.length; h++) {
                series.add(h + 1, rmse[h]);
            }
            data.addSeries(series);
        }
        NumberAxis xAxis = new NumberAxis("horizon step");
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis yAxis = new NumberAxis(unit.isEmpty() ? "RMSE" : "RMSE (" + unit + ")");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesStroke(s, new BasicStroke(2f));
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart("RMSE by horizon step, test part", JFreeChart.DEFAULT_TITLE_FONT, plot,
            true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
