package io.vitalcast.forecasting;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.DatasetPart;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Segment;
import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.model.RecurrentState;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.ModelFileException;

/**
 * The stateful LSTM forecaster: O(1) work per step, whatever the length of the history. Its input at step t depends
 * only on that step and the one before, {@code (x_t - x_{t-1}) / s} (0 at the first step of a segment) and
 * {@code (x_t - mean) / s}, so the recurrent state carried from the first step of a gap-free segment summarizes
 * everything before; at every step the head gives H corrections, scaled by s, of a reference forecast: the AR(p)
 * base from the last p values, or the last value repeated. A segment restarts (zero state) after a gap longer than
 * the signal's {@code maxGapSteps}, as the streaming processor restarts.
 *
 * <p>It is trained ({@link StatefulLstmForecasterTrainer}) and evaluated ({@link #evaluatedOn}) the way the stream
 * runs it: one step at a time from the start of each segment. The stream and the offline replay call the same two
 * methods, {@link #advance} and {@link #forecast(double[], double[])}, so they compute the same numbers.
 *
 * <p>Thread-safe: forecasting only reads the network; the recurrent state is passed in and out as an array.
 */
public final class StatefulLstmForecaster implements TrainedForecaster {
    /** Model-file attribute naming what kind of model a bundle holds. */
    public static final String KIND = "lstm-stateful";
    static final String FEATURES = "delta_from_previous,level";

    private final ModelBundle bundle;
    private final RecurrentNetwork network;
    private final int warmUp;
    private final int horizon;
    private final double mean;
    private final double scale;
    private final AutoregressiveForecaster base;

    private StatefulLstmForecaster(ModelBundle bundle) {
        this.bundle = bundle;
        this.network = bundle.network();
        Map<String, String> attributes = bundle.attributes();
        if (!KIND.equals(attributes.get("kind")) || !FEATURES.equals(attributes.get("features"))) {
            throw new ModelFileException("model '" + bundle.name() + "' is not a Vitalcast stateful LSTM "
                + "forecaster (kind " + attributes.get("kind") + ", features " + attributes.get("features") + ")");
        }
        this.warmUp = Integer.parseInt(attributes.get("window"));
        this.horizon = network.architecture().outputSize();
        this.mean = bundle.scaling().inputMean()[1];
        this.scale = bundle.scaling().inputScale()[1];
        double[] ar = bundle.vectors().get(LstmForecaster.BASE_VECTOR);
        this.base = ar == null ? null : new AutoregressiveForecaster(ar[0], Arrays.copyOfRange(ar, 1, ar.length));
        if (warmUp < memory()) {
            throw new ModelFileException("model '" + bundle.name() + "' warms up over " + warmUp
                + " steps but its reference needs " + memory());
        }
    }

    /** The forecaster of a model file's bundle. */
    public static StatefulLstmForecaster of(ModelBundle bundle) {
        return new StatefulLstmForecaster(bundle);
    }

    @Override
    public ModelBundle bundle() {
        return bundle;
    }

    /** Steps of a segment seen before the first forecast. */
    @Override
    public int window() {
        return warmUp;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    /** Last values the reference forecast reads: p for the AR(p) base, 1 for the last value. */
    public int memory() {
        return base == null ? 1 : base.order();
    }

    /** The AR(p) base the network corrects, or null when it corrects the last value. */
    public AutoregressiveForecaster base() {
        return base;
    }

    /** Length of the recurrent state array that {@link #advance} takes and returns. */
    public int stateLength() {
        return network.newState().toArray().length;
    }

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public int minHistory() {
        return warmUp;
    }

    /**
     * The recurrent state after one more step of a segment.
     *
     * @param state    the state after the previous step, or null at the first step of a segment
     * @param previous the previous step's value, ignored at the first step of a segment
     * @param value    this step's value
     * @return a new state array
     */
    public double[] advance(double[] state, double previous, double value) {
        RecurrentState s = state == null ? network.newState() : network.stateFromArray(state);
        network.advanceState(s, input(state == null ? value : previous, value));
        return s.toArray();
    }

    /**
     * The next {@link #horizon()} values forecast at a step.
     *
     * @param state      the state after that step ({@link #advance})
     * @param lastValues the segment's values up to that step, at least the last {@link #memory()}
     */
    public double[] forecast(double[] state, double[] lastValues) {
        double[] out = network.output(network.stateFromArray(state));
        double[] reference = LstmForecaster.reference(lastValues, base, horizon);
        double[] forecast = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            forecast[h] = reference[h] + out[h] * scale;
        }
        return forecast;
    }

    /**
     * Treats {@code history} as a whole segment from its first step and forecasts after its last one. Use
     * {@link #evaluatedOn} to backtest: a window's history alone is not what the stream has seen.
     */
    @Override
    public double[] forecast(double[] history, int steps) {
        if (history.length < warmUp) {
            throw new IllegalArgumentException("the LSTM needs " + warmUp + " steps of a segment, got "
                + history.length);
        }
        if (steps < 1 || steps > horizon) {
            throw new IllegalArgumentException("the LSTM forecasts 1 to " + horizon + " steps, asked for " + steps);
        }
        double[][] every = replay(history);
        return Arrays.copyOf(every[every.length - 1], steps);
    }

    /**
     * The forecast made at every step of a segment run from its first step: row t is the forecast after step t, null
     * before the warm-up ends.
     */
    public double[][] replay(double[] segment) {
        double[][] forecasts = new double[segment.length][];
        double[] state = null;
        int memory = memory();
        for (int t = 0; t < segment.length; t++) {
            state = advance(state, t == 0 ? Double.NaN : segment[t - 1], segment[t]);
            if (t + 1 >= warmUp) {
                forecasts[t] = forecast(state, Arrays.copyOfRange(segment, Math.max(0, t + 1 - memory), t + 1));
            }
        }
        return forecasts;
    }

    /**
     * Runs the model over every segment of every series from its first step and answers each window of the datasets
     * with the forecast made at its last history step: the model is scored exactly as the stream runs it.
     */
    @Override
    public Forecaster evaluatedOn(List<PreparedSeries> series, List<WindowDataset> datasets) {
        if (series.size() != datasets.size()) {
            throw new IllegalArgumentException(series.size() + " series but " + datasets.size() + " datasets");
        }
        Map<Window, double[]> forecasts = new IdentityHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            double[][] bySeriesStep = replay(series.get(i));
            WindowDataset dataset = datasets.get(i);
            for (DatasetPart part : List.of(dataset.train(), dataset.validation(), dataset.test())) {
                for (Window window : part.windows()) {
                    double[] forecast = bySeriesStep[(int) window.targetIndex() - 1];
                    if (forecast == null) {
                        throw new IllegalArgumentException("window at step " + window.targetIndex()
                            + " has less history in its segment than the model's warm-up of " + warmUp);
                    }
                    forecasts.put(window, forecast);
                }
            }
        }
        return new Replayed(forecasts);
    }

    /** The forecast at every step of a series (its segments in order, restarting at each), null where none. */
    public double[][] replay(PreparedSeries series) {
        double[][] all = new double[series.totalSteps()][];
        int at = 0;
        for (Segment segment : series.segments()) {
            double[][] forecasts = replay(segment.values());
            System.arraycopy(forecasts, 0, all, at, forecasts.length);
            at += forecasts.length;
        }
        return all;
    }

    private double[] input(double previous, double value) {
        return input(previous, value, mean, scale);
    }

    /** The network input of a step: change from the previous step and level, both scaled. */
    static double[] input(double previous, double value, double mean, double scale) {
        return new double[] {(value - previous) / scale, (value - mean) / scale};
    }

    /** The stateful model as the backtest sees it: the forecasts it made on the whole series, looked up by window. */
    private final class Replayed implements Forecaster {
        private final Map<Window, double[]> forecasts;

        Replayed(Map<Window, double[]> forecasts) {
            this.forecasts = forecasts;
        }

        @Override
        public String name() {
            return StatefulLstmForecaster.this.name();
        }

        @Override
        public int minHistory() {
            return warmUp;
        }

        @Override
        public double[] forecast(Window window, int steps) {
            double[] forecast = forecasts.get(window);
            if (forecast == null) {
                throw new IllegalArgumentException("window at step " + window.targetIndex()
                    + " is not one of the replayed series' windows");
            }
            return Arrays.copyOf(forecast, steps);
        }

        @Override
        public double[] forecast(double[] history, int steps) {
            throw new UnsupportedOperationException("a replayed stateful forecaster answers windows of its series "
                + "only");
        }
    }
}
