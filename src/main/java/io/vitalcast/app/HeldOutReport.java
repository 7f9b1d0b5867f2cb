package io.vitalcast.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.forecasting.Forecaster;
import io.vitalcast.forecasting.PersistenceForecaster;
import io.vitalcast.forecasting.TrainedForecaster;

/**
 * The trained model on each record held out of training, beside its AR base and persistence: the validation RMSE
 * at the first, middle and last horizon step. A population model is meant for patients it has not seen, so these
 * are the figures a user should look at, per record, because one average hides the record it fails on.
 *
 * @param rows  one per held-out record, in input order
 * @param steps the horizon steps reported (1-based)
 */
record HeldOutReport(List<Row> rows, int[] steps) {

    HeldOutReport {
        rows = List.copyOf(rows);
        steps = steps.clone();
    }

    /**
     * One held-out record's figures.
     *
     * @param record      the record's name
     * @param windows     its validation windows
     * @param model       RMSE of the model at each reported step
     * @param base        RMSE of the AR base at each step, null for a model without one
     * @param persistence RMSE of persistence at each step
     */
    record Row(String record, int windows, double[] model, double[] base, double[] persistence) {
    }

    /** The steps 1, H/2 and H, without repeats (H = 1 gives step 1 only). */
    static int[] reportedSteps(int horizon) {
        return IntStream.of(1, Math.max(1, horizon / 2), horizon).distinct().toArray();
    }

    /** Scores {@code model} on every held-out record of {@code split}, the way {@code evaluate} would. */
    static HeldOutReport of(TrainedForecaster model, RecordSplit split) {
        int[] steps = reportedSteps(model.horizon());
        Forecaster persistence = new PersistenceForecaster();
        Forecaster base = model.arBase().orElse(null);
        List<Row> rows = new ArrayList<>();
        for (SeriesGroup group : split.heldOut()) {
            WindowDataset data = WindowDataset.create(group.series().segments(), model.window(), model.horizon(),
                SplitFractions.VALIDATION_ONLY);
            List<Window> windows = data.validation().windows();
            Forecaster replayed = model.evaluatedOn(List.of(group.series()), List.of(data));
            rows.add(new Row(group.name(), windows.size(), rmse(replayed, windows, steps),
                base == null ? null : rmse(base, windows, steps), rmse(persistence, windows, steps)));
        }
        return new HeldOutReport(rows, steps);
    }

    /** The table, with a heading saying what it is. */
    void print(PrintWriter out, String unit) {
        StringBuilder stepNames = new StringBuilder();
        for (int step : steps) {
            stepNames.append(stepNames.length() == 0 ? "" : "/").append(step);
        }
        out.printf(Locale.ROOT, "Validation RMSE (%s) on each held-out record at steps %s:%n", unit, stepNames);
        int width = Math.max("record".length(), rows.stream().mapToInt(r -> r.record().length()).max().orElse(0));
        out.printf(Locale.ROOT, "  %-" + width + "s %8s  %-20s %-20s %s%n", "record", "windows", "model", "AR base",
            "persistence");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "  %-" + width + "s %8d  %-20s %-20s %s%n", row.record(), row.windows(),
                values(row.model()), row.base() == null ? "-" : values(row.base()), values(row.persistence()));
        }
    }

    private static String values(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return text.toString();
    }

    private static double[] rmse(Forecaster forecaster, List<Window> windows, int[] steps) {
        int horizon = steps[steps.length - 1];
        double[] squared = new double[horizon];
        for (Window window : windows) {
            double[] forecast = forecaster.forecast(window, horizon);
            double[] target = window.target();
            for (int h = 0; h < horizon; h++) {
                double error = forecast[h] - target[h];
                squared[h] += error * error;
            }
        }
        double[] result = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            result[i] = windows.isEmpty() ? Double.NaN : Math.sqrt(squared[steps[i] - 1] / windows.size());
        }
        return result;
    }
}
