package io.vitalcast.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The raw settings of the configuration layers, merged by precedence: built-in defaults, then a properties file,
 * then environment variables, then the command line, each overriding the ones before. Keeps where each value came
 * from so that a bad value can be traced. Values are not parsed here ({@link ConfigParser} does that).
 *
 * <p>Immutable: each {@code with*} returns a new instance.
 */
public final class ConfigLayers {
    private final Map<String, Setting> settings;

    private ConfigLayers(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    /** The built-in defaults alone. */
    public static ConfigLayers defaults() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        ConfigKeys.DEFAULTS.forEach((key, value) -> settings.put(key, new Setting(key, value, "built-in default")));
        return new ConfigLayers(settings);
    }

    /** These layers with a properties file on top; a key given twice in the file with different values fails. */
    public ConfigLayers withFile(Path file) {
        Objects.requireNonNull(file, "file");
        String origin = "config file " + file;
        List<Setting> entries = new ArrayList<>();
        Properties properties = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                entries.add(new Setting(key.toString().strip(), value.toString().strip(), origin));
                return super.put(key, value);
            }
        };
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + " (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + ")");
        }
        return with(entries);
    }

    /**
     * These layers with the environment on top: every {@code VITALCAST_*} variable, and the {@code KAFKA_*} variables
     * that name a Kafka client setting ({@code KAFKA_OPTS} and the like, read by Kafka's own scripts, are left
     * alone).
     */
    public ConfigLayers withEnvironment(Map<String, String> environment) {
        List<Setting> entries = new ArrayList<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            Optional<String> key = EnvironmentNames.vitalcastKey(variable)
                .or(() -> EnvironmentNames.kafkaKey(variable).filter(KafkaKeys::isKafkaKey));
            key.ifPresent(k -> entries.add(new Setting(k, value.strip(), "environment variable " + variable)));
        });
        return with(entries);
    }

    /** These layers with command-line settings on top; the same key given twice with different values fails. */
    public ConfigLayers withCommandLine(List<Setting> options) {
        return with(options);
    }

    /** A {@code key=value} command-line assignment. */
    public static Setting assignment(String text, String option) {
        int equals = text.indexOf('=');
        if (equals <= 0) {
            throw new ConfigException(option + ": expected key=value, got '" + text + "'");
        }
        return new Setting(text.substring(0, equals).strip(), text.substring(equals + 1).strip(),
            "command line " + option);
    }

    /** The merged settings by key. */
    public Map<String, Setting> settings() {
        return settings;
    }

    private ConfigLayers with(List<Setting> layer) {
        Map<String, Setting> inLayer = new LinkedHashMap<>();
        for (Setting setting : layer) {
            Setting earlier = inLayer.put(setting.key(), setting);
            if (earlier != null && !earlier.value().equals(setting.value())) {
                throw new ConfigException(setting.key() + ": given twice, as '" + earlier.shown() + "' ("
                    + earlier.origin() + ") and as '" + setting.shown() + "' (" + setting.origin() + ")");
            }
        }
        Map<String, Setting> merged = new LinkedHashMap<>(settings);
        merged.putAll(inLayer);
        return new ConfigLayers(merged);
    }
}
