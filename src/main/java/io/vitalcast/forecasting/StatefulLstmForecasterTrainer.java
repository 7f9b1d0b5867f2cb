package io.vitalcast.forecasting;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.vitalcast.Vitalcast;
import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.Scaler;
import io.vitalcast.data.Segment;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.data.WindowDataset;
import io.vitalcast.errors.UserException;
import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.Provenance;
import io.vitalcast.modelfile.Scaling;
import io.vitalcast.training.StatefulSequence;
import io.vitalcast.training.StatefulTrainer;
import io.vitalcast.training.TrainingConfig;
import io.vitalcast.training.TrainingListener;
import io.vitalcast.training.TrainingResult;

/**
 * Trains a {@link StatefulLstmForecaster} the way the stream runs it. Each series is split in time as
 * {@link WindowDataset#create} splits it (70/15/15 by default). Training sequences are the gap-free segments cut at
 * the end of the training part, run from their first step with the state carried across chunks of
 * {@code tbpttForward} steps ({@link StatefulTrainer}); the loss counts at every step from the one where the
 * reference can be computed, whenever all H target steps lie in the same training sequence. Validation runs each
 * segment that reaches into the validation part from its first step (so the state is warmed over everything of the
 * segment before it) and scores the forecasts whose targets all lie in the validation part; early stopping keeps the
 * best epoch, the initial one included, whose zero head makes the model exactly its reference forecast. Interval
 * half-widths are calibrated on the validation windows from those stateful forecasts. The test part is never read.
 * Each series may have its own split, so that whole records are held out for validation.
 */
public final class StatefulLstmForecasterTrainer {
    private final LstmForecasterSettings settings;
    private final TrainingConfig config;
    private final TrainingListener listener;
    private final double level;

    /**
     * @param settings {@code window} is the warm-up: steps of a segment seen before the first forecast
     * @param config   {@code tbpttForward} is the chunk length (steps per update)
     */
    public StatefulLstmForecasterTrainer(LstmForecasterSettings settings, TrainingConfig config,
                                         TrainingListener listener, double level) {
        if (config.tbpttForward() < 1) {
            throw new IllegalArgumentException("stateful training needs a chunk length (tbpttForward) >= 1");
        }
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
    public record Trained(StatefulLstmForecaster forecaster, TrainingResult training) {
    }

    /** Trains on the series (patients or recordings of one signal), each split in time 70/15/15. */
    public Trained train(List<PreparedSeries> series, SignalSpec spec, String description) {
        return train(series, Collections.nCopies(series.size(), SplitFractions.DEFAULT), spec, description);
    }

    /**
     * Trains on the series, each split in time by its own fractions: a record held out whole for validation has
     * {@link SplitFractions#VALIDATION_ONLY}, so early stopping and the intervals are judged on records the model
     * never trained on.
     *
     * @param fractions one per series, in the same order
     */
    public Trained train(List<PreparedSeries> series, List<SplitFractions> fractions, SignalSpec spec,
                         String description) {
        if (series.size() != fractions.size()) {
            throw new IllegalArgumentException(series.size() + " series but " + fractions.size() + " fractions");
        }
        int horizon = settings.horizon();
        List<WindowDataset> datasets = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            datasets.add(WindowDataset.create(series.get(i).segments(), settings.window(), horizon,
                fractions.get(i)));
        }
        WindowDataset data = WindowDataset.concat(datasets);
        if (data.train().size() < 2 || data.validation().windows().isEmpty()) {
            throw new UserException("too little data to train: " + data.train().size() + " training and "
                + data.validation().size() + " validation windows of " + settings.window() + "+" + horizon
                + " steps (" + data.train().steps() + " training steps); use a shorter --window or more data");
        }
        Scaler scaler = data.fitScaler();
        double mean = scaler.mean();
        double scale = scaler.std() > 0 ? scaler.std() : 1.0;
        AutoregressiveForecaster base = settings.arBase() == 0 ? null
            : AutoregressiveForecaster.fit(data.train().series(), settings.arBase());
        int memory = base == null ? 1 : base.order();

        List<StatefulSequence> train = new ArrayList<>();
        List<StatefulSequence> validation = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            PreparedSeries s = series.get(i);
            SplitFractions split = fractions.get(i);
            long total = s.totalSteps();
            long trainEnd = Math.round(total * split.train());
            long validationEnd = Math.min(total, Math.round(total * (split.train() + split.validation())));
            long offset = 0;
            for (Segment segment : s.segments()) {
                double[] values = segment.values();
                int inTrain = (int) Math.max(0, Math.min(values.length, trainEnd - offset));
                if (inTrain > memory + horizon) {
                    train.add(sequence(Arrays.copyOf(values, inTrain), horizon, memory, 0, mean, scale, base));
                }
                int toValidationEnd = (int) Math.max(0, Math.min(values.length, validationEnd - offset));
                if (toValidationEnd > inTrain) {
                    int firstTarget = (int) Math.max(0, trainEnd - offset);
                    StatefulSequence v = sequence(Arrays.copyOf(values, toValidationEnd), horizon,
                        settings.window(), firstTarget, mean, scale, base);
                    if (v.scoredSteps() > 0) {
                        validation.add(v);
                    }
                }
                offset += values.length;
            }
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new UserException("too little data to train: " + train.size() + " training and "
                + validation.size() + " validation segments long enough for the warm-up and horizon");
        }

        Architecture architecture = Architecture.lstm(2, settings.hidden(), settings.layers(), horizon)
            .withOutputMode(OutputMode.EVERY_STEP);
        RecurrentNetwork network = RecurrentNetwork.create(architecture, Initialization.defaults(), config.seed());
        ForecasterBundles.zeroHead(network);
        TrainingResult result = new StatefulTrainer(config, listener).train(network, train, validation);

        Scaling scaling = ForecasterBundles.scaling(mean, scale, horizon);
        Map<String, String> attributes = ForecasterBundles.attributes(StatefulLstmForecaster.KIND,
            StatefulLstmForecaster.FEATURES, base, settings, spec, horizon);
        attributes.put("chunk", Integer.toString(config.tbpttForward()));
        Map<String, Double> metrics = ForecasterBundles.metrics(result, level, mean, scale);
        metrics.put("train_steps", (double) train.stream().mapToInt(StatefulSequence::scoredSteps).sum());
        metrics.put("validation_steps", (double) validation.stream().mapToInt(StatefulSequence::scoredSteps).sum());
        metrics.put("validation_windows", (double) data.validation().size());
        Map<String, double[]> vectors = new HashMap<>();
        if (base != null) {
            vectors.put(LstmForecaster.BASE_VECTOR, ForecasterBundles.arVector(base));
        }
        Provenance provenance = new Provenance(config.seed(), fingerprint(train), description, Vitalcast.version(),
            Instant.now());
        ModelBundle draft = new ModelBundle(spec.name() + "-lstm", network, config, scaling, metrics, provenance,
            attributes, vectors);
        ConformalIntervals intervals = ConformalIntervals.calibrate(
            StatefulLstmForecaster.of(draft).evaluatedOn(series, datasets), data.validation().windows(), horizon,
            level);
        Map<String, double[]> withIntervals = new HashMap<>(vectors);
        withIntervals.put(LstmForecaster.INTERVAL_VECTOR, intervals.halfWidths());
        ModelBundle bundle = new ModelBundle(draft.name(), network, config, scaling, metrics, provenance, attributes,
            withIntervals);
        return new Trained(StatefulLstmForecaster.of(bundle), result);
    }

    /**
     * One segment prefix as a training or validation sequence: targets (H values, as scaled corrections of the
     * reference) at the steps t with {@code t + 1 >= firstForecast}, {@code t + 1 >= firstTarget} and all H targets
     * inside the prefix; every step is an input.
     */
    static StatefulSequence sequence(double[] values, int horizon, int firstForecast, int firstTarget, double mean,
                                     double scale, AutoregressiveForecaster base) {
        int memory = base == null ? 1 : base.order();
        double[][] inputs = new double[values.length][];
        double[][] targets = new double[values.length][];
        for (int t = 0; t < values.length; t++) {
            inputs[t] = StatefulLstmForecaster.input(t == 0 ? values[0] : values[t - 1], values[t], mean, scale);
            if (t + 1 >= Math.max(firstForecast, memory) && t + 1 >= firstTarget && t + horizon < values.length) {
                double[] reference = LstmForecaster.reference(
                    Arrays.copyOfRange(values, Math.max(0, t + 1 - memory), t + 1), base, horizon);
                double[] row = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    row[h] = (values[t + 1 + h] - reference[h]) / scale;
                }
                targets[t] = row;
            }
        }
        return new StatefulSequence(inputs, targets);
    }

    private static String fingerprint(List<StatefulSequence> sequences) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(8);
            for (StatefulSequence sequence : sequences) {
                for (double[][] part : new double[][][] {sequence.inputs(), sequence.targets()}) {
                    for (double[] row : part) {
                        if (row == null) {
                            continue;
                        }
                        for (double v : row) {
                            buffer.clear();
                            buffer.putDouble(v);
                            digest.update(buffer.array());
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
