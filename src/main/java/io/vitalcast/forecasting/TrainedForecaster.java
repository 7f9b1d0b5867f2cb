package io.vitalcast.forecasting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.ModelFileException;

/**
 * A forecaster loaded from a model file written by {@code train}: the window model ({@link LstmForecaster}, kind
 * {@value LstmForecaster#KIND}) or the stateful one ({@link StatefulLstmForecaster}, kind
 * {@value StatefulLstmForecaster#KIND}). {@link #of} reads the kind, so model files of either kind load wherever a
 * model is expected.
 */
public interface TrainedForecaster extends Forecaster {

    /**
     * The forecaster of a model file's bundle, by its {@code kind} attribute.
     *
     * @throws ModelFileException when the model is not a forecaster of either kind
     */
    static TrainedForecaster of(ModelBundle bundle) {
        String kind = bundle.attributes().get("kind");
        if (StatefulLstmForecaster.KIND.equals(kind)) {
            return StatefulLstmForecaster.of(bundle);
        }
        return LstmForecaster.of(bundle);
    }

    /**
     * The forecaster of the bundle read from {@code file}, as {@link #of(ModelBundle)}, failing with a message that
     * starts with the file, since the model's name alone does not say which file to replace.
     */
    static TrainedForecaster of(ModelBundle bundle, Path file) {
        try {
            return of(bundle);
        } catch (ModelFileException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    ModelBundle bundle();

    /** The signal the model was trained on. */
    default String signal() {
        return bundle().attributes().get("signal");
    }

    /** The step length of the training series, or null for an event-driven signal. */
    default Duration step() {
        String step = bundle().attributes().get("step");
        return step == null || step.isEmpty() ? null : Duration.parse(step);
    }

    /** Steps of a segment the model needs before its first forecast (the window of a window model). */
    int window();

    /** Steps the model forecasts. */
    int horizon();

    /** Interval half-widths per horizon step calibrated at training time, in signal units. */
    default ConformalIntervals intervals() {
        double[] halfWidths = bundle().vectors().get(LstmForecaster.INTERVAL_VECTOR);
        Double level = bundle().metrics().get("interval_level");
        if (halfWidths == null || level == null) {
            throw new ModelFileException("model '" + bundle().name() + "' has no calibrated intervals");
        }
        return new ConformalIntervals(halfWidths, level);
    }

    /**
     * The AR base the network corrects, fitted at training time, so a report can show what the LSTM adds to it;
     * empty for a model trained without one ({@code --ar-base 0}).
     */
    default Optional<AutoregressiveForecaster> arBase() {
        double[] ar = bundle().vectors().get(LstmForecaster.BASE_VECTOR);
        return ar == null ? Optional.empty()
            : Optional.of(new AutoregressiveForecaster(ar[0], Arrays.copyOfRange(ar, 1, ar.length)));
    }

    /**
     * The forecaster to backtest on windows of these series, as {@code evaluate} does: the windows' own histories
     * for a window model; for a stateful model, the forecasts it made running over each whole series.
     *
     * @param series   the series, in the order of {@code datasets}
     * @param datasets each series' windows ({@link WindowDataset#create}), which the backtest will ask about
     */
    Forecaster evaluatedOn(List<PreparedSeries> series, List<WindowDataset> datasets);
}
