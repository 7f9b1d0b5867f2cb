package io.vitalcast.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitalcast.config.ConfigKeys;
import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.errors.UserException;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;

/**
 * What the service will run with, as {@code vitalcast check} prints it and {@code run} logs it before it connects:
 * the effective settings with the layer each came from (secrets and watched patient ids hidden), the model each
 * signal will use (file, kind, checksum, step, what it was trained on) or the baseline it falls back to, and the
 * problems. Built by reading the configuration and the model directory exactly as {@code run} does, without Kafka.
 *
 * @param lines    the report, a line each
 * @param warnings what runs but is probably not meant (baselines only)
 * @param errors   what stops {@code run}
 * @param models   the models, when the directory could be read
 */
record StartupReport(List<String> lines, List<String> warnings, List<String> errors, ModelRegistry models) {

    /** The report of this configuration, whose layers were {@code settings}. */
    static StartupReport of(VitalcastConfig config, Map<String, Setting> settings) {
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        lines.add("Settings (effective value, and where it came from):");
        settings.values().forEach(setting -> lines.add("  " + setting.key() + " = " + shown(setting) + "  ("
            + setting.origin() + ")"));
        Path directory = config.modelDirectory();
        ModelRegistry models = null;
        try {
            models = ModelRegistry.load(directory, config.signals());
        } catch (UserException e) {
            errors.add(e.getMessage());
        }
        lines.add("Models (" + ConfigKeys.MODELS_DIR + " = " + (directory == null ? "none" : directory) + "):");
        if (models != null) {
            int files = 0;
            for (String signal : new java.util.TreeSet<>(config.signals().keySet())) {
                OnlineModel model = models.modelOf(signal);
                var source = models.sourceOf(signal);
                if (source.isPresent()) {
                    files++;
                    lines.add("  " + signal + ": " + source.get().file() + ", " + model.kind() + " '"
                        + model.info().name() + "', sha256 " + source.get().checksum() + ", step "
                        + source.get().step() + ", trained on " + source.get().trainedOn() + " ("
                        + source.get().createdAt() + ")");
                } else {
                    lines.add("  " + signal + ": no model file, baseline " + model.info().name());
                }
            }
            if (files == 0) {
                String problem = directory == null || !Files.isDirectory(directory)
                    ? ConfigKeys.MODELS_DIR + ": " + (directory == null ? "not set" : directory + " does not exist")
                    : ConfigKeys.MODELS_DIR + ": " + directory + " holds no model file";
                (config.service().modelsRequired() ? errors : warnings).add(problem
                    + "; every signal runs its baseline" + (config.service().modelsRequired()
                    ? " (" + ConfigKeys.MODELS_REQUIRED + "=true)" : ""));
            }
        }
        return new StartupReport(List.copyOf(lines), List.copyOf(warnings), List.copyOf(errors), models);
    }

    private static String shown(Setting setting) {
        if (setting.key().equals(ConfigKeys.WATCHED_PATIENTS) && !setting.value().isBlank()) {
            return "[" + setting.value().split(",").length + " patient ids hidden]";
        }
        return setting.shown();
    }
}
