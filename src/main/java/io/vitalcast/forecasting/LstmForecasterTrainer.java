package io.vitalcast.forecasting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vitalcast.Vitalcast;
import io.vitalcast.data.Scaler;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.Window;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.Provenance;
import io.vitalcast.modelfile.Scaling;
import io.vitalcast.training.SequenceDataset;
import io.vitalcast.training.Trainer;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingListener;
import io.vitalcast.training.TrainingResult;

/**
 * Trains an {@link LstmForecaster} on the training part of a {@link WindowDataset}, stops early on its validation
 * part, and calibrates the prediction intervals (split conformal per horizon step) on that validation part. The test
 * part is never touched: it is what {@code evaluate} scores.
 */
public final class LstmForecasterTrainer {
    private final LstmForecasterSettings settings;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final double level;

    public LstmForecasterTrainer(LstmForecasterSettings settings, TrainingConfig config, TrainingListener listener,
                                 double level) {
        this.settings = settings;
        this.config = config;
        this.listener = listener;
        this.level = level;
    }

    /**
     * The trained forecaster and how training went.
     *
     * @param forecaster the forecaster, whose bundle is ready to write
     * @param training   the trainer's result
     */
    public record Trained(LstmForecaster forecaster, TrainingResult training) {
    }

    /**
     * Trains on {@code data} (windows of {@code settings.window()} and {@code settings.horizon()} steps).
     *
     * @param description what the data is, for provenance (e.g. file and signal)
     */
    public Trained train(WindowDataset data, SignalSpec spec, String description) {
        if (data.inputLength() != settings.window() || data.horizon() != settings.horizon()) {
            throw new IllegalArgumentException("windows are " + data.inputLength() + "+" + data.horizon()
                + " steps, the settings ask for " + settings.window() + "+" + settings.horizon());
        }
        List<Window> train = data.train().windows();
        List<Window> validation = data.validation().windows();
        if (train.size() < 2 || validation.isEmpty()) {
            throw new UserException("too little data to train: " + train.size() + " training and "
                + validation.size() + " validation windows of " + settings.window() + "+" + settings.horizon()
                + " steps (" + data.train().steps() + " training steps); use a shorter --window or more data");
        }
        Scaler scaler = data.fitScaler();
        double scale = scaler.std() > 0 ? scaler.std() : 1.0;
        List<Window> all = new ArrayList<>(train);
        all.addAll(validation);
        AutoregressiveForecaster base = settings.arBase() == 0 ? null
            : AutoregressiveForecaster.fit(data.train().series(), settings.arBase());
        SequenceDataset examples = examples(all, scaler.mean(), scale, base);
        TrainingConfig effective = config.withValidation((double) validation.size() / all.size(), config.patience());
        Architecture architecture = Architecture.lstm(2, settings.hidden(), settings.layers(), settings.horizon());
        RecurrentNetwork network = RecurrentNetwork.create(architecture, Initialization.defaults(), config.seed());
        if (base != null) {
            ForecasterBundles.zeroHead(network);
        }
        TrainingResult result = new Trainer(effective).withListener(listener).train(network, examples);

        Scaling scaling = ForecasterBundles.scaling(scaler.mean(), scale, settings.horizon());
        Map<String, String> attributes = ForecasterBundles.attributes(LstmForecaster.KIND, LstmForecaster.FEATURES, base,
            settings, spec, settings.horizon());
        Map<String, Double> metrics = ForecasterBundles.metrics(result, level, scaler.mean(), scale);
        metrics.put("train_windows", (double) train.size());
        metrics.put("validation_windows", (double) validation.size());
        ModelBundle draft = new ModelBundle(spec.name() + "-lstm", network, effective, scaling, metrics,
            new Provenance(config.seed(), examples.fingerprint(), description, Vitalcast.version(), Instant.now()),
            attributes, base == null ? Map.of() : Map.of(LstmForecaster.BASE_VECTOR, ForecasterBundles.arVector(base)));
        ConformalIntervals intervals = ConformalIntervals.calibrate(LstmForecaster.of(draft), validation,
            settings.horizon(), level);
        ModelBundle bundle = new ModelBundle(draft.name(), network, effective, scaling, metrics, draft.provenance(),
            attributes, vectors(base, intervals));
        return new Trained(LstmForecaster.of(bundle), result);
    }

    private static Map<String, double[]> vectors(AutoregressiveForecaster base, ConformalIntervals intervals) {
        Map<String, double[]> vectors = new HashMap<>();
        vectors.put(LstmForecaster.INTERVAL_VECTOR, intervals.halfWidths());
        if (base != null) {
            vectors.put(LstmForecaster.BASE_VECTOR, ForecasterBundles.arVector(base));
        }
        return vectors;
    }

    static SequenceDataset examples(List<Window> windows, double mean, double scale, AutoregressiveForecaster base) {
        double[][][] inputs = new double[windows.size()][][];
        double[][][] targets = new double[windows.size()][1][];
        for (int i = 0; i < windows.size(); i++) {
            double[] history = windows.get(i).history();
            double[] target = windows.get(i).target();
            inputs[i] = LstmForecaster.features(history, 0, history.length, mean, scale);
            double[] reference = LstmForecaster.reference(history, base, target.length);
            double[] row = new double[target.length];
            for (int h = 0; h < row.length; h++) {
                row[h] = (target[h] - reference[h]) / scale;
            }
            targets[i][0] = row;
        }
        return new SequenceDataset(inputs, targets);
    }
}
