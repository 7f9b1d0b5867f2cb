package io.vitalcast.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.vitalcast.data.Reading;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.Forecaster;
import io.vitalcast.series.ForecastRecord;

/**
 * The forecasts a replay of the stream published for one recording, scored against the steps that followed, beside
 * baselines forecasting from the same origins with the same history. The model is judged as the stream runs it:
 * from the intervals stored in its file, calibrated and adapted online to the patient from the recording's first
 * step, never refitted on the recording. A baseline may be fitted on anything the caller chooses (other records, or
 * the recording's own steps before the scored part), which is then the stronger comparison.
 *
 * <p>Only origins from {@code scoredFrom} of the recording's span on count, and at each horizon step only the points
 * where every forecaster has a forecast and the step that far ahead was observed in the same run of contiguous
 * steps, so that every row is computed over the same points. Steps are the stream's: the mean of a fixed-step
 * signal's valid readings in each step window, or each valid reading of an event-driven signal.
 */
public final class PublishedForecastScore {
    /** The name of the row of the published forecasts. */
    public static final String PUBLISHED = "published";

    private PublishedForecastScore() {
    }

    /**
     * One forecaster's figures by horizon step (index 0 is one step ahead).
     *
     * @param name     forecaster
     * @param baseline whether it is a baseline
     * @param rmse     root mean squared error
     * @param mae      mean absolute error
     * @param coverage share of points inside the published interval; NaN for a baseline or where none had one
     */
    public record Row(String name, boolean baseline, double[] rmse, double[] mae, double[] coverage) {
    }

    /**
     * The rows of one recording.
     *
     * @param points scored points at each horizon step
     * @param rows   the published forecasts first, then each baseline
     */
    public record Result(int[] points, List<Row> rows) {

        public Row published() {
            return rows.get(0);
        }

        /** The baseline with the lowest RMSE at horizon step {@code h} (0-based), if any was scored. */
        public Optional<Row> bestBaseline(int h) {
            Row best = null;
            for (Row row : rows) {
                if (row.baseline() && Double.isFinite(row.rmse()[h])
                    && (best == null || row.rmse()[h] < best.rmse()[h])) {
                    best = row;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    /**
     * @param readings   the recording's readings of the signal, as replayed
     * @param spec       the signal, with its step for a fixed-step signal
     * @param published  the forecasts the replay published
     * @param horizon    horizon steps to score
     * @param scoredFrom fraction of the recording's time span before which origins are not scored
     * @param baselines  forecasters to score from the same origins
     */
    public static Result score(List<Reading> readings, SignalSpec spec, List<ForecastRecord> published, int horizon,
                               double scoredFrom, List<Forecaster> baselines) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        Steps steps = Steps.of(readings, spec);
        int forecasters = baselines.size() + 1;
        double[][] squared = new double[forecasters][horizon];
        double[][] absolute = new double[forecasters][horizon];
        long[] inside = new long[horizon];
        long[] withInterval = new long[horizon];
        int[] points = new int[horizon];
        if (steps.size() > 0) {
            long first = steps.times[0];
            long from = first + (long) Math.ceil(scoredFrom * (steps.times[steps.size() - 1] - first));
            for (ForecastRecord record : published) {
                int origin = steps.indexOf(record.lastStepTime().toEpochMilli());
                if (origin < 0 || steps.times[origin] < from) {
                    continue;
                }
                double[] history = steps.runEndingAt(origin);
                double[][] forecasts = new double[baselines.size()][];
                boolean all = true;
                for (int b = 0; b < baselines.size() && all; b++) {
                    Forecaster baseline = baselines.get(b);
                    all = history.length >= baseline.minHistory();
                    forecasts[b] = all ? baseline.forecast(history, horizon) : null;
                }
                if (!all) {
                    continue;
                }
                int available = Math.min(horizon, record.points().size());
                for (int h = 0; h < available; h++) {
                    int target = origin + h + 1;
                    if (!steps.sameRun(origin, target)) {
                        break;
                    }
                    double actual = steps.values[target];
                    ForecastRecord.ForecastPoint point = record.points().get(h);
                    add(squared, absolute, 0, h, actual - point.value());
                    for (int b = 0; b < baselines.size(); b++) {
                        add(squared, absolute, b + 1, h, actual - forecasts[b][h]);
                    }
                    if (point.lower() != null && point.upper() != null) {
                        withInterval[h]++;
                        if (actual >= point.lower() && actual <= point.upper()) {
                            inside[h]++;
                        }
                    }
                    points[h]++;
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        double[] coverage = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            coverage[h] = withInterval[h] == 0 ? Double.NaN : (double) inside[h] / withInterval[h];
        }
        rows.add(row(PUBLISHED, false, squared[0], absolute[0], points, coverage));
        double[] none = new double[horizon];
        Arrays.fill(none, Double.NaN);
        for (int b = 0; b < baselines.size(); b++) {
            rows.add(row(baselines.get(b).name(), true, squared[b + 1], absolute[b + 1], points, none));
        }
        return new Result(points, List.copyOf(rows));
    }

    private static void add(double[][] squared, double[][] absolute, int forecaster, int h, double error) {
        squared[forecaster][h] += error * error;
        absolute[forecaster][h] += Math.abs(error);
    }

    private static Row row(String name, boolean baseline, double[] squared, double[] absolute, int[] points,
                           double[] coverage) {
        double[] rmse = new double[points.length];
        double[] mae = new double[points.length];
        for (int h = 0; h < points.length; h++) {
            rmse[h] = points[h] == 0 ? Double.NaN : Math.sqrt(squared[h] / points[h]);
            mae[h] = points[h] == 0 ? Double.NaN : absolute[h] / points[h];
        }
        return new Row(name, baseline, rmse, mae, coverage);
    }

    /** The recording's steps in time order, and where each run of contiguous steps starts. */
    private static final class Steps {
        private final long[] times;
        private final double[] values;
        private final int[] runStart;

        private Steps(long[] times, double[] values, int[] runStart) {
            this.times = times;
            this.values = values;
            this.runStart = runStart;
        }

        static Steps of(List<Reading> readings, SignalSpec spec) {
            boolean eventDriven = spec.isEventDriven();
            long stepMs = eventDriven ? 0 : spec.step().toMillis();
            TreeMap<Long, double[]> sums = new TreeMap<>();
            for (Reading reading : readings) {
                if (!Double.isFinite(reading.value()) || spec.check(reading.value()).isPresent()) {
                    continue;
                }
                long t = reading.timestamp().toEpochMilli();
                long key = eventDriven ? t : t - Math.floorMod(t, stepMs);
                double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
                if (eventDriven) {
                    sum[0] = reading.value();
                    sum[1] = 1;
                } else {
                    sum[0] += reading.value();
                    sum[1]++;
                }
            }
            long[] times = new long[sums.size()];
            double[] values = new double[sums.size()];
            int[] runStart = new int[sums.size()];
            int i = 0;
            for (Map.Entry<Long, double[]> entry : sums.entrySet()) {
                times[i] = entry.getKey();
                values[i] = entry.getValue()[0] / entry.getValue()[1];
                runStart[i] = i > 0 && (eventDriven || times[i] - times[i - 1] == stepMs) ? runStart[i - 1] : i;
                i++;
            }
            return new Steps(times, values, runStart);
        }

        int size() {
            return times.length;
        }

        int indexOf(long timeMs) {
            int i = Arrays.binarySearch(times, timeMs);
            return i >= 0 ? i : -1;
        }

        boolean sameRun(int origin, int target) {
            return target < times.length && runStart[target] == runStart[origin];
        }

        double[] runEndingAt(int index) {
            return Arrays.copyOfRange(values, runStart[index], index + 1);
        }
    }
}
