package io.vitalcast.forecasting;

import java.util.List;
import java.util.Map;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.WindowDataset;

import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.ModelFileException;

/**
 * A forecaster backed by a trained LSTM model file. The network sees, for each of the last {@code window} steps,
 * two features scaled by the training part's standard deviation s: the value relative to the last observed value
 * ({@code (x_i - x_last) / s}) and the level ({@code (x_i - mean) / s}); it predicts every horizon step at once as a
 * change from the last observed value. Predicting changes rather than levels makes the model indifferent to a
 * patient's baseline, which keeps it usable on patients it was not trained on; the level feature still lets it
 * learn mean reversion.
 *
 * <p>Optionally (the default of {@code train}) the network corrects an AR(p) forecast fitted by least squares on the
 * same training part instead of the last value: the classical hybrid of a linear model and a network that learns
 * what the linear model misses (Zhang 2003). The AR coefficients travel in the model file.
 *
 * <p>Thread-safe: forecasting only reads the network.
 */
public final class LstmForecaster implements TrainedForecaster {
    /** Model-file attribute naming what kind of model a bundle holds. */
    public static final String KIND = "lstm-forecaster";
    static final String FEATURES = "delta_from_last,level";
    static final String INTERVAL_VECTOR = "interval_half_width";
    static final String BASE_VECTOR = "ar_base";

    private final ModelBundle bundle;
    private final RecurrentNetwork network;
    private final int window;
    private final int horizon;
    private final double mean;
    private final double scale;
    private final AutoregressiveForecaster base;

    private LstmForecaster(ModelBundle bundle) {
        this.bundle = bundle;
        this.network = bundle.network();
        Map<String, String> attributes = bundle.attributes();
        if (!KIND.equals(attributes.get("kind")) || !FEATURES.equals(attributes.get("features"))) {
            throw new ModelFileException("model '" + bundle.name() + "' is not a Vitalcast LSTM forecaster "
                + "(kind " + attributes.get("kind") + ", features " + attributes.get("features") + ")");
        }
        this.window = Integer.parseInt(attributes.get("window"));
        this.horizon = network.architecture().outputSize();
        this.mean = bundle.scaling().inputMean()[1];
        this.scale = bundle.scaling().inputScale()[1];
        double[] ar = bundle.vectors().get(BASE_VECTOR);
        this.base = ar == null ? null
            : new AutoregressiveForecaster(ar[0], java.util.Arrays.copyOfRange(ar, 1, ar.length));
    }

    /** The forecaster of a model file's bundle. */
    public static LstmForecaster of(ModelBundle bundle) {
        return new LstmForecaster(bundle);
    }

    @Override
    public ModelBundle bundle() {
        return bundle;
    }

    /** Steps of history the model reads. */
    @Override
    public int window() {
        return window;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    /** This forecaster: it reads only each window's history. */
    @Override
    public Forecaster evaluatedOn(List<PreparedSeries> series, List<WindowDataset> datasets) {
        return this;
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
        double[] reference = reference(history, base, horizon);
        double[] out = network.predict(features(history, history.length - window, window, mean, scale));
        double[] forecast = new double[steps];
        for (int h = 0; h < steps; h++) {
            forecast[h] = reference[h] + out[h] * scale;
        }
        return forecast;
    }

    /** The AR(p) base the network corrects, or null when it predicts changes from the last value. */
    public AutoregressiveForecaster base() {
        return base;
    }

    /**
     * What the network's outputs are added to: the AR base forecast when the model has one, else the last value
     * repeated.
     */
    static double[] reference(double[] history, AutoregressiveForecaster base, int horizon) {
        if (base != null) {
            return base.forecast(history, horizon);
        }
        double[] last = new double[horizon];
        java.util.Arrays.fill(last, history[history.length - 1]);
        return last;
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
