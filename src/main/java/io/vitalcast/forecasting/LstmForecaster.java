package io.vitalcast.forecasting;

import java.time.Duration;
import java.util.Map;

import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.modelfile.ModelBundle;

/**
 * A forecaster backed by a trained LSTM model file. The network sees, for each of the last {@code window} steps,
 * two features scaled by the training part's standard deviation s: the value relative to the last observed value
 * ({@code (x_i - x_last) / s}) and the level ({@code (x_i - mean) / s}); it predicts every horizon step at once as a
 * change from the last observed value. Predicting changes rather than levels makes the model indifferent to a
 * patient's baseline, which keeps it usable on patients it was not trained on; the level feature still lets it
 * learn mean reversion.
 *
 * <p>Thread-safe: forecasting only reads the network.
 */
public final class LstmForecaster implements Forecaster {
    /** Model-file attribute naming what kind of model a bundle holds. */
    public static final String KIND = "lstm-forecaster";
    static final String FEATURES = "delta_from_last,level";
    static final String INTERVAL_VECTOR = "interval_half_width";

    private final ModelBundle bundle;
    private final RecurrentNetwork network;
    private final int window;
    private final int horizon;
    private final double mean;
    private final double scale;

    private LstmForecaster(ModelBundle bundle) {
        this.bundle = bundle;
        this.network = bundle.network();
        Map<String, String> attributes = bundle.attributes();
        if (!KIND.equals(attributes.get("kind")) || !FEATURES.equals(attributes.get("features"))) {
            throw new IllegalArgumentException("model '" + bundle.name() + "' is not a Vitalcast LSTM forecaster "
                + "(kind " + attributes.get("kind") + ", features " + attributes.get("features") + ")");
        }
        this.window = Integer.parseInt(attributes.get("window"));
        this.horizon = network.architecture().outputSize();
        this.mean = bundle.scaling().inputMean()[1];
        this.scale = bundle.scaling().inputScale()[1];
    }

    /** The forecaster of a model file's bundle. */
    public static LstmForecaster of(ModelBundle bundle) {
        return new LstmForecaster(bundle);
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** The signal the model was trained on. */
    public String signal() {
        return bundle.attributes().get("signal");
    }

    /** The step length of the training series, or null for an event-driven signal. */
    public Duration step() {
        String step = bundle.attributes().get("step");
        return step == null || step.isEmpty() ? null : Duration.parse(step);
    }

    /** Steps of history the model reads. */
    public int window() {
        return window;
    }

    /** Steps the model forecasts. */
    public int horizon() {
        return horizon;
    }

    /** Interval half-widths per horizon step calibrated at training time, in signal units. */
    public ConformalIntervals intervals() {
        double[] halfWidths = bundle.vectors().get(INTERVAL_VECTOR);
        Double level = bundle.metrics().get("interval_level");
        if (halfWidths == null || level == null) {
            throw new IllegalStateException("model '" + bundle.name() + "' has no calibrated intervals");
        }
        return new ConformalIntervals(halfWidths, level);
    }

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public int minHistory() {
        return window;
    }

    @Override
    public double[] forecast(double[] history, int steps) {
        if (history.length < window) {
            throw new IllegalArgumentException("the LSTM needs " + window + " history steps, got " + history.length);
        }
        if (steps < 1 || steps > horizon) {
            throw new IllegalArgumentException("the LSTM forecasts 1 to " + horizon + " steps, asked for " + steps);
        }
        double last = history[history.length - 1];
        double[] out = network.predict(features(history, history.length - window, window, mean, scale));
        double[] forecast = new double[steps];
        for (int h = 0; h < steps; h++) {
            forecast[h] = last + out[h] * scale;
        }
        return forecast;
    }

    /** The network input for {@code length} values of {@code values} from {@code from}. */
    static double[][] features(double[] values, int from, int length, double mean, double scale) {
        double last = values[from + length - 1];
        double[][] x = new double[length][2];
        for (int i = 0; i < length; i++) {
            double v = values[from + i];
            x[i][0] = (v - last) / scale;
            x[i][1] = (v - mean) / scale;
        }
        return x;
    }
}
