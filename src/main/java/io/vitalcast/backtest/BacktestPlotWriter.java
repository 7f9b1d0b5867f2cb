package io.vitalcast.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.vitalcast.data.Reading;
import io.vitalcast.series.ForecastRecord;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The signal, its one-step forecasts, labelled events and alerts on one time axis. */
public final class BacktestPlotWriter {
    private BacktestPlotWriter() {
    }

    public static void write(Path file, String title, String unit, List<Reading> readings, List<ForecastRecord> forecasts,
                      long[] eventTimesMs, long[] alertTimesMs, long[] ruleTimesMs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<Long, Double> values = new TreeMap<>();
        readings.forEach(r -> values.put(r.timestamp().toEpochMilli(), r.value()));
        XYSeries signal = new XYSeries("observed", false);
        values.forEach(signal::add);
        XYSeries forecast = new XYSeries("one-step forecast", false);
        for (ForecastRecord f : forecasts) {
            ForecastRecord.ForecastPoint first = f.points().get(0);
            forecast.add(first.timestamp().toEpochMilli(), first.value());
        }
        XYSeries labels = markers("labelled abnormal", eventTimesMs, values);
        XYSeries alerts = markers("Vitalcast alert opened", alertTimesMs, values);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(signal);
        data.addSeries(forecast);
        data.addSeries(labels);
        data.addSeries(alerts);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(0, Color.BLACK);
        renderer.setSeriesLinesVisible(1, true);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, new Color(0x1f77b4));
        renderer.setSeriesStroke(1, new BasicStroke(1.0f));
        renderer.setSeriesLinesVisible(2, false);
        renderer.setSeriesShape(2, new Ellipse2D.Double(-5, -5, 10, 10));
        renderer.setSeriesPaint(2, new Color(0x2ca02c));
        renderer.setSeriesLinesVisible(3, false);
        renderer.setSeriesShape(3, new Ellipse2D.Double(-3, -3, 6, 6));
        renderer.setSeriesPaint(3, new Color(0xd62728));
        if (ruleTimesMs != null) {
            data.addSeries(markers("baseline rule flag", ruleTimesMs, values));
            renderer.setSeriesLinesVisible(4, false);
            renderer.setSeriesShape(4, new java.awt.Rectangle(-2, 4, 4, 4));
            renderer.setSeriesPaint(4, new Color(0xff7f0e));
        }
        XYPlot plot = new XYPlot(data, new DateAxis("time (UTC)"), new NumberAxis(unit), renderer);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1400, 500);
    }

    private static XYSeries markers(String name, long[] times, Map<Long, Double> values) {
        XYSeries series = new XYSeries(name, false);
        TreeMap<Long, Double> sorted = new TreeMap<>(values);
        for (long t : times) {
            Map.Entry<Long, Double> at = sorted.floorEntry(t);
            if (at == null) {
                at = sorted.ceilingEntry(t);
            }
            if (at != null) {
                series.add(t, at.getValue());
            }
        }
        return series;
    }
}
