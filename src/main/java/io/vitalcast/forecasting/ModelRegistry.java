package io.vitalcast.forecasting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.errors.UserException;
import io.vitalcast.modelfile.LoadedModel;
import io.vitalcast.modelfile.ModelBundle;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.modelfile.ModelFileException;

/**
 * The model of every configured signal: the LSTM model file trained for it (one {@code *.json} per signal in the
 * model directory, stateful or window kind) or, without one, the baseline its {@link SignalSpec} names: the
 * sinus-rhythm reference for the RR interval (learned from sinus beats only, so that ectopic beats stand out; see
 * {@link SinusRhythmModel}) and persistence for every other built-in signal. Checked at start: a model for an unknown signal, two models for one signal, or a
 * model trained at another step fails with a message naming the file. A stateful model read from a file is known by
 * the file's checksum ({@link OnlineModel#fingerprint()}), so that the recurrent states the model it replaces stored
 * are not carried on by it.
 */
public final class ModelRegistry {
    /** Steps forecast by the baseline. */
    public static final int BASELINE_HORIZON = 10;
    private static final OnlineModel PERSISTENCE = new PersistenceModel(BASELINE_HORIZON);
    private static final OnlineModel SINUS_RHYTHM = new SinusRhythmModel(BASELINE_HORIZON);

    private final Map<String, OnlineModel> models;
    private final Map<String, SignalSpec.Baseline> baselines;
    private final Map<String, ModelSource> sources;

    /**
     * Where a signal's model was read from, for the start-up report and {@code vitalcast check}.
     *
     * @param file      the model file
     * @param checksum  its SHA-256, as verified when it was read
     * @param step      the step it forecasts at (null for an event-driven signal)
     * @param trainedOn what it was trained on, as the file says
     * @param createdAt when its training finished
     */
    public record ModelSource(Path file, String checksum, Duration step, String trainedOn, Instant createdAt) {
    }

    private ModelRegistry(Map<String, OnlineModel> models, Map<String, SignalSpec> signals) {
        this(models, signals, Map.of());
    }

    /** @param signals the configured signals, whose specs name their baselines (built-in signals otherwise) */
    private ModelRegistry(Map<String, OnlineModel> models, Map<String, SignalSpec> signals,
                          Map<String, ModelSource> sources) {
        this.models = Map.copyOf(models);
        this.sources = Map.copyOf(sources);
        Map<String, SignalSpec.Baseline> named = new HashMap<>();
        SignalCatalog catalog = SignalCatalog.defaults();
        catalog.names().forEach(name -> named.put(name, catalog.spec(name).baseline()));
        signals.forEach((name, spec) -> named.put(name, spec.baseline()));
        this.baselines = Map.copyOf(named);
    }

    /** Baselines only, those of the built-in signals. */
    public static ModelRegistry baselines() {
        return new ModelRegistry(Map.of(), Map.of());
    }

    /** These models for their signals, the built-in baselines for the others: for a service built in code. */
    public static ModelRegistry of(Map<String, OnlineModel> models) {
        return new ModelRegistry(models, Map.of());
    }

    /**
     * The given LSTM forecaster for its signal, baselines for the others. Not read from a file here, the model is
     * known by its name and the time its training finished.
     */
    public static ModelRegistry of(TrainedForecaster forecaster) {
        ModelBundle bundle = forecaster.bundle();
        return new ModelRegistry(Map.of(forecaster.signal(),
            modelOf(forecaster, bundle.name() + '@' + bundle.provenance().createdAt())), Map.of());
    }

    /** @param identity what the model is known by: its file's checksum where it was read from one */
    private static OnlineModel modelOf(TrainedForecaster forecaster, String identity) {
        if (forecaster instanceof StatefulLstmForecaster stateful) {
            return StatefulLstmModel.of(stateful, ModelFingerprint.of(identity));
        }
        return LstmModel.of((LstmForecaster) forecaster);
    }

    /**
     * Loads every model file of {@code directory} (null or absent: baselines only).
     *
     * @throws ModelFileException naming the file that cannot be read or does not fit the signals
     * @throws UserException      when the directory cannot be listed
     */
    public static ModelRegistry load(Path directory, Map<String, SignalSpec> signals) {
        if (directory == null || !Files.isDirectory(directory)) {
            return new ModelRegistry(Map.of(), signals);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UserException("cannot list the model directory " + directory + ": " + e.getMessage(), e);
        }
        Map<String, OnlineModel> models = new HashMap<>();
        Map<String, Path> origin = new HashMap<>();
        Map<String, ModelSource> sources = new HashMap<>();
        for (Path file : files) {
            LoadedModel loaded = ModelFile.load(file);
            TrainedForecaster forecaster = TrainedForecaster.of(loaded.bundle(), file);
            String signal = forecaster.signal();
            SignalSpec spec = signals.get(signal);
            if (spec == null) {
                throw new ModelFileException(file + ": model for signal '" + signal
                    + "', which is not configured");
            }
            Duration step = forecaster.step();
            if (!java.util.Objects.equals(step, spec.step())) {
                throw new ModelFileException(file + ": model trained at step " + step + " but " + signal
                    + " streams at step " + spec.step());
            }
            if (origin.containsKey(signal)) {
                throw new ModelFileException("two models for signal " + signal + ": " + origin.get(signal)
                    + " and " + file);
            }
            origin.put(signal, file);
            models.put(signal, modelOf(forecaster, loaded.checksum()));
            sources.put(signal, new ModelSource(file, loaded.checksum(), step,
                loaded.bundle().provenance().dataDescription(), loaded.bundle().provenance().createdAt()));
        }
        return new ModelRegistry(models, signals, sources);
    }

    /** The model of a signal: its LSTM, or the baseline its spec names (persistence for a signal not known). */
    public OnlineModel modelOf(String signal) {
        OnlineModel model = models.get(signal);
        if (model != null) {
            return model;
        }
        return baselines.getOrDefault(signal, SignalSpec.Baseline.PERSISTENCE) == SignalSpec.Baseline.SINUS_RHYTHM
            ? SINUS_RHYTHM : PERSISTENCE;
    }

    /** The file a signal's model was read from, or empty when the signal runs a baseline or a model given in code. */
    public java.util.Optional<ModelSource> sourceOf(String signal) {
        return java.util.Optional.ofNullable(sources.get(signal));
    }

    /** Model names in use by signal, for metrics and logs. */
    public Map<String, String> describe() {
        Map<String, String> names = new HashMap<>();
        models.forEach((signal, model) -> names.put(signal, model.info().name() + "@" + model.info().version()));
        return names;
    }
}
