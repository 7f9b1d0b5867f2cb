package io.vitalcast.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vitalcast.alerting.AlertDirection;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.series.OnlineLearning;
import io.vitalcast.streaming.ErrorPolicy;
import io.vitalcast.streaming.ForecastFormat;
import io.vitalcast.streaming.InputLimits;
import io.vitalcast.streaming.Topics;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Turns merged raw settings into a {@link VitalcastConfig}, failing on the first unknown key or bad value with a
 * message of the form {@code key: expected ..., got 'value' (origin)}.
 */
final class ConfigParser {
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final String DURATION = "a duration such as PT10S, 500ms, 30s, 5m or 1h";

    private final Map<String, Setting> settings;
    private final SignalCatalog catalog = SignalCatalog.defaults();

    private ConfigParser(Map<String, Setting> settings) {
        this.settings = settings;
    }

    static VitalcastConfig parse(Map<String, Setting> settings) {
        return new ConfigParser(settings).parse();
    }

    private VitalcastConfig parse() {
        Map<String, String> kafka = new HashMap<>();
        for (Setting setting : settings.values()) {
            String key = setting.key();
            if (key.startsWith(ConfigKeys.PREFIX)) {
                checkKnown(setting);
            } else if (key.equals(KafkaKeys.REPLICATION_FACTOR)) {
                throw new ConfigException(key + ": set " + ConfigKeys.TOPIC_REPLICATION_FACTOR
                    + " instead, which applies to Vitalcast's topics and Kafka Streams' internal ones alike ("
                    + setting.origin() + ")");
            } else if (KafkaKeys.isKafkaKey(key)) {
                kafka.put(key, setting.value());
            } else {
                throw new ConfigException(key + ": neither a vitalcast.* key nor a Kafka client setting, got '"
                    + setting.shown() + "' (" + setting.origin() + ")");
            }
        }
        if (kafka.getOrDefault(KafkaKeys.BOOTSTRAP_SERVERS, "").isBlank()) {
            throw new ConfigException(KafkaKeys.BOOTSTRAP_SERVERS + ": required; give --bootstrap-servers, "
                + "KAFKA_BOOTSTRAP_SERVERS or bootstrap.servers in the config file");
        }
        checkKafka(kafka);
        Topics topics = new Topics(topic(ConfigKeys.TOPIC_READINGS), topic(ConfigKeys.TOPIC_FORECASTS),
            topic(ConfigKeys.TOPIC_ALERTS), topic(ConfigKeys.TOPIC_REJECTED), topic(ConfigKeys.TOPIC_ALERT_ACKS));
        return new VitalcastConfig(topics,
            integer(ConfigKeys.TOPIC_PARTITIONS, 1, Integer.MAX_VALUE),
            (short) integer(ConfigKeys.TOPIC_REPLICATION_FACTOR, 1, Short.MAX_VALUE),
            modelDirectory(),
            duration(ConfigKeys.WINDOW_GRACE, true),
            margin(),
            integer(ConfigKeys.ALERT_SUSTAIN_STEPS, 1, Integer.MAX_VALUE),
            integer(ConfigKeys.ALERT_CLEAR_STEPS, 1, Integer.MAX_VALUE),
            alertPolicies(margin(), integer(ConfigKeys.ALERT_SUSTAIN_STEPS, 1, Integer.MAX_VALUE),
                integer(ConfigKeys.ALERT_CLEAR_STEPS, 1, Integer.MAX_VALUE)),
            limits(),
            signals(),
            integer(ConfigKeys.METRICS_PORT, 0, 65535),
            watchedPatients(),
            kafka,
            integer(ConfigKeys.ALERT_MAX_PER_PATIENT_HOUR, 0, Integer.MAX_VALUE),
            new OnlineLearning(calibrationRate(), onOff(ConfigKeys.ADAPTATION)),
            inputLimits(),
            errorPolicy(),
            forecastFormat(),
            new ServiceSettings(setting(ConfigKeys.METRICS_HOST).value(),
                duration(ConfigKeys.KAFKA_CONNECT_TIMEOUT, false), onOff(ConfigKeys.MODELS_REQUIRED)));
    }

    private InputLimits inputLimits() {
        Setting future = setting(ConfigKeys.READINGS_MAX_FUTURE);
        Duration maxFuture = future.value().trim().equals(ConfigKeys.NO_LIMIT) ? InputLimits.NO_FUTURE_LIMIT
            : duration(ConfigKeys.READINGS_MAX_FUTURE, true);
        if (maxFuture.compareTo(InputLimits.BROKER_MAX_FUTURE) > 0 && !maxFuture.equals(InputLimits.NO_FUTURE_LIMIT)) {
            throw ConfigException.invalid(future, "a duration of at most 1h (the broker's default limit on how far "
                + "ahead a record timestamp may be) or 'none'");
        }
        return new InputLimits(maxFuture,
            integer(ConfigKeys.READINGS_MAX_BYTES, 1024, 64 * 1024 * 1024),
            integer(ConfigKeys.READINGS_MAX_BATCH_VALUES, 1, 1_000_000),
            integer(ConfigKeys.READINGS_MAX_ID_LENGTH, 1, 65_536),
            integer(ConfigKeys.REJECTED_MAX_ORIGINAL_BYTES, 0, 256 * 1024));
    }

    private ForecastFormat forecastFormat() {
        Setting setting = setting(ConfigKeys.FORECASTS_FORMAT);
        return switch (setting.value().trim()) {
            case "json" -> ForecastFormat.JSON;
            case "compact" -> ForecastFormat.COMPACT;
            default -> throw ConfigException.invalid(setting, "json or compact");
        };
    }

    private ErrorPolicy errorPolicy() {
        Setting setting = setting(ConfigKeys.PROCESSING_ERRORS);
        return switch (setting.value().trim()) {
            case "reject" -> ErrorPolicy.REJECT;
            case "fail" -> ErrorPolicy.FAIL;
            default -> throw ConfigException.invalid(setting, "reject or fail");
        };
    }

    private boolean onOff(String key) {
        Setting setting = setting(key);
        return switch (setting.value().trim()) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw ConfigException.invalid(setting, "on or off");
        };
    }

    private double calibrationRate() {
        Setting setting = setting(ConfigKeys.CALIBRATION_RATE);
        Double value = number(setting.value());
        if (value == null || value < 0 || value > 1) {
            throw ConfigException.invalid(setting, "a number from 0 (off) to 1");
        }
        return value;
    }

    private java.util.Set<String> watchedPatients() {
        Setting setting = settings.get(ConfigKeys.WATCHED_PATIENTS);
        String value = setting == null ? "" : setting.value().trim();
        java.util.Set<String> patients = new java.util.TreeSet<>();
        for (String id : value.split(",")) {
            if (!id.isBlank()) {
                patients.add(id.trim());
            }
        }
        int cap = io.vitalcast.metrics.VitalcastMetrics.MAX_WATCHED_PATIENTS;
        if (patients.size() > cap) {
            throw new ConfigException(ConfigKeys.WATCHED_PATIENTS + ": at most " + cap + " patients can be watched, got "
                + patients.size() + " (" + setting.origin() + ")");
        }
        return patients;
    }

    private void checkKnown(Setting setting) {
        String key = setting.key();
        if (ConfigKeys.FIXED.contains(key)) {
            return;
        }
        Optional<String> signal = signalOf(ConfigKeys.LIMIT, key).or(() -> signalOf(ConfigKeys.SIGNAL_STEP, key))
            .or(() -> signalOf(ConfigKeys.ALERT_POLICY, key)).or(() -> signalOf(ConfigKeys.QUALITY, key));
        if (signal.isEmpty()) {
            throw new ConfigException(key + ": unknown key, got '" + setting.shown() + "' (" + setting.origin()
                + ")");
        }
        if (!catalog.contains(signal.get())) {
            throw new ConfigException(key + ": unknown signal '" + signal.get() + "'; known signals are "
                + String.join(", ", catalog.names()) + " (" + setting.origin() + ")");
        }
    }

    private static Optional<String> signalOf(Pattern pattern, String key) {
        Matcher matcher = pattern.matcher(key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Kafka's own validation of the values it defines, reported like ours: key first, then where it came from. */
    private void checkKafka(Map<String, String> kafka) {
        try {
            StreamsConfig.configDef().parse(kafka);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            String message = e.getMessage();
            Optional<Setting> culprit = kafka.keySet().stream().filter(key -> message.contains("configuration " + key
                + ":") || message.endsWith("configuration " + key)).map(settings::get).findFirst();
            throw new ConfigException(culprit.map(c -> c.key() + ": " + message + " (" + c.origin() + ")")
                .orElse("Kafka settings: " + message));
        }
    }

    private Setting setting(String key) {
        Setting setting = settings.get(key);
        if (setting == null) {
            throw new IllegalStateException("no default for " + key);
        }
        return setting;
    }

    private String topic(String key) {
        Setting setting = setting(key);
        if (!TOPIC_NAME.matcher(setting.value()).matches() || setting.value().matches("\\.{1,2}")) {
            throw ConfigException.invalid(setting, "a topic name of letters, digits, '.', '_' and '-'");
        }
        return setting.value();
    }

    private int integer(String key, int min, int max) {
        Setting setting = setting(key);
        String expected = max == Integer.MAX_VALUE ? "an integer >= " + min
            : "an integer from " + min + " to " + max;
        try {
            int value = Integer.parseInt(setting.value());
            if (value < min || value > max) {
                throw ConfigException.invalid(setting, expected);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(setting, expected);
        }
    }

    private double margin() {
        Setting setting = setting(ConfigKeys.ALERT_MARGIN);
        Double value = number(setting.value());
        if (value == null || value < 0) {
            throw ConfigException.invalid(setting, "a number >= 0");
        }
        return value;
    }

    /** The number in the text, or null when it is not a plain decimal number. */
    private static Double number(String text) {
        try {
            return new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Path modelDirectory() {
        String value = setting(ConfigKeys.MODELS_DIR).value();
        return value.isEmpty() ? null : Path.of(value);
    }

    private Duration duration(String key, boolean zeroAllowed) {
        Setting setting = setting(key);
        String expected = zeroAllowed ? DURATION : "a positive " + DURATION.substring(2);
        Duration duration = Durations.parse(setting.value());
        if (duration == null || duration.isNegative() || (!zeroAllowed && duration.isZero())) {
            throw ConfigException.invalid(setting, expected);
        }
        return duration;
    }


    /**
     * Every signal's alert policy: the global {@code vitalcast.alert.<field>} keys, with the signal's own
     * {@code vitalcast.alert.<signal>.<field>} keys over them. An unset m-of-n window is the sustain steps.
     */
    private Map<String, io.vitalcast.alerting.AlertPolicy> alertPolicies(double margin, int sustain, int clear) {
        Map<String, io.vitalcast.alerting.AlertPolicy> policies = new LinkedHashMap<>();
        for (String signal : catalog.names()) {
            Setting marginSetting = settings.get(ConfigKeys.alertPolicy(signal, "margin"));
            double m = margin;
            if (marginSetting != null) {
                m = atLeast(marginSetting, 0, "a number >= 0");
            }
            Setting directionSetting = settings.get(ConfigKeys.alertPolicy(signal, "direction"));
            io.vitalcast.alerting.AlertDirection direction = io.vitalcast.alerting.AlertDirection.BOTH;
            if (directionSetting != null) {
                try {
                    direction = io.vitalcast.alerting.AlertDirection.parse(directionSetting.value());
                } catch (IllegalArgumentException e) {
                    throw ConfigException.invalid(directionSetting, "both, below or above");
                }
            }
            Setting sustainSetting = settings.get(ConfigKeys.alertPolicy(signal, "sustain.steps"));
            Setting clearSetting = settings.get(ConfigKeys.alertPolicy(signal, "clear.steps"));
            int s = sustainSetting == null ? sustain : positive(sustainSetting);
            int c = clearSetting == null ? clear : positive(clearSetting);
            Setting window = policySetting(signal, "sustain.window.steps", ConfigKeys.ALERT_SUSTAIN_WINDOW_STEPS);
            int w = s;
            if (!window.value().isBlank()) {
                w = positive(window);
                if (w < s || w > io.vitalcast.alerting.AlertPolicy.MAX_WINDOW_STEPS) {
                    throw ConfigException.invalid(window, "an integer from the sustain steps (" + s + ") to "
                        + io.vitalcast.alerting.AlertPolicy.MAX_WINDOW_STEPS + ", or empty for the sustain steps");
                }
            }
            double sensitivity = positiveNumber(policySetting(signal, "sensitivity", ConfigKeys.ALERT_SENSITIVITY));
            Setting exitSetting = policySetting(signal, "exit.ratio", ConfigKeys.ALERT_EXIT_RATIO);
            double exit = positiveNumber(exitSetting);
            if (exit > 1) {
                throw ConfigException.invalid(exitSetting, "a number > 0 and <= 1");
            }
            Duration reAlert = anyDuration(policySetting(signal, "realert.interval", ConfigKeys.ALERT_REALERT_INTERVAL));
            double critical = atLeast(policySetting(signal, "critical.ratio", ConfigKeys.ALERT_CRITICAL_RATIO), 1,
                "a number >= 1");
            Duration criticalAfter = anyDuration(policySetting(signal, "critical.after",
                ConfigKeys.ALERT_CRITICAL_AFTER));
            Setting warmUpSetting = policySetting(signal, "warmup.steps", ConfigKeys.ALERT_WARMUP_STEPS);
            int warmUp = (int) atLeast(warmUpSetting, 0, "an integer >= 0");
            if (warmUp != atLeast(warmUpSetting, 0, "an integer >= 0")) {
                throw ConfigException.invalid(warmUpSetting, "an integer >= 0");
            }
            Setting probabilitySetting = policySetting(signal, "predicted.probability",
                ConfigKeys.ALERT_PREDICTED_PROBABILITY);
            double probability = positiveNumber(probabilitySetting);
            if (probability >= 1) {
                throw ConfigException.invalid(probabilitySetting, "a probability > 0 and < 1");
            }
            int deviationHorizonStep = positive(policySetting(signal, "deviation.horizon.step",
                ConfigKeys.ALERT_DEVIATION_HORIZON_STEP));
            policies.put(signal, new io.vitalcast.alerting.AlertPolicy(m, s, c, direction, sensitivity, w, exit,
                reAlert, critical, criticalAfter, warmUp, probability, deviationHorizonStep));
        }
        return policies;
    }

    /** The signal's own setting of a policy field, else the global one. */
    private Setting policySetting(String signal, String field, String globalKey) {
        Setting own = settings.get(ConfigKeys.alertPolicy(signal, field));
        return own != null ? own : setting(globalKey);
    }

    private static double atLeast(Setting setting, double min, String expected) {
        Double value = number(setting.value().trim());
        if (value == null || value < min || value.isInfinite()) {
            throw ConfigException.invalid(setting, expected);
        }
        return value;
    }

    private static double positiveNumber(Setting setting) {
        Double value = number(setting.value().trim());
        if (value == null || !(value > 0) || value.isInfinite()) {
            throw ConfigException.invalid(setting, "a number > 0");
        }
        return value;
    }

    private static Duration anyDuration(Setting setting) {
        Duration duration = Durations.parse(setting.value());
        if (duration == null || duration.isNegative()) {
            throw ConfigException.invalid(setting, DURATION);
        }
        return duration;
    }

    private static int positive(Setting setting) {
        try {
            int value = Integer.parseInt(setting.value().trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigException.invalid(setting, "an integer >= 1");
    }

    private Map<String, ClinicalLimits> limits() {
        Map<String, ClinicalLimits> limits = new LinkedHashMap<>();
        for (String signal : catalog.names()) {
            Setting low = settings.get(ConfigKeys.limit(signal, "low"));
            Setting high = settings.get(ConfigKeys.limit(signal, "high"));
            if (low == null && high == null) {
                continue;
            }
            double lowValue = limit(low);
            double highValue = limit(high);
            if (!Double.isNaN(lowValue) && !Double.isNaN(highValue) && !(lowValue < highValue)) {
                throw new ConfigException(low.key() + ": must be below " + high.key() + " (" + high.value()
                    + ", " + high.origin() + "), got '" + low.value() + "' (" + low.origin() + ")");
            }
            limits.put(signal, new ClinicalLimits(lowValue, highValue));
        }
        return limits;
    }

    private static double limit(Setting setting) {
        if (setting == null || setting.value().isEmpty() || setting.value().equalsIgnoreCase(ConfigKeys.NO_LIMIT)) {
            return Double.NaN;
        }
        Double value = number(setting.value());
        if (value == null) {
            throw ConfigException.invalid(setting, "a number or '" + ConfigKeys.NO_LIMIT + "'");
        }
        return value;
    }

    /** The signal's quality thresholds with its {@code vitalcast.quality.<signal>.*} keys applied. */
    private io.vitalcast.quality.QualitySpec quality(String signal, io.vitalcast.quality.QualitySpec builtIn) {
        io.vitalcast.quality.QualitySpec q = builtIn;
        Setting flat = settings.get(ConfigKeys.quality(signal, "flat.steps"));
        if (flat != null) {
            int steps = nonNegative(flat);
            if (steps == 1) {
                throw ConfigException.invalid(flat, "0 (off) or an integer >= 2");
            }
            q = q.withFlatSteps(steps);
        }
        Setting jump = settings.get(ConfigKeys.quality(signal, "max.jump"));
        if (jump != null) {
            double value = threshold(jump);
            if (!Double.isNaN(value) && !(value > 0)) {
                throw ConfigException.invalid(jump, "a number > 0 or '" + ConfigKeys.NO_LIMIT + "'");
            }
            q = q.withMaxJumpPerStep(value);
        }
        Setting low = settings.get(ConfigKeys.quality(signal, "saturation.low"));
        Setting high = settings.get(ConfigKeys.quality(signal, "saturation.high"));
        double lowValue = low == null ? q.saturationLow() : threshold(low);
        double highValue = high == null ? q.saturationHigh() : threshold(high);
        if (!Double.isNaN(lowValue) && !Double.isNaN(highValue) && !(lowValue < highValue)) {
            Setting culprit = low != null ? low : high;
            throw new ConfigException(culprit.key() + ": saturation low " + lowValue + " must be below saturation "
                + "high " + highValue + ", got '" + culprit.value() + "' (" + culprit.origin() + ")");
        }
        q = q.withSaturationLow(Double.NaN).withSaturationHigh(highValue).withSaturationLow(lowValue);
        Setting clear = settings.get(ConfigKeys.quality(signal, "clear.steps"));
        if (clear != null) {
            q = q.withClearSteps(positive(clear));
        }
        return q;
    }

    private static double threshold(Setting setting) {
        if (setting.value().trim().equalsIgnoreCase(ConfigKeys.NO_LIMIT)) {
            return Double.NaN;
        }
        Double value = number(setting.value().trim());
        if (value == null || value.isInfinite()) {
            throw ConfigException.invalid(setting, "a number or '" + ConfigKeys.NO_LIMIT + "'");
        }
        return value;
    }

    private static int nonNegative(Setting setting) {
        try {
            int value = Integer.parseInt(setting.value().trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigException.invalid(setting, "an integer >= 0");
    }

    private Map<String, SignalSpec> signals() {
        Map<String, SignalSpec> signals = new LinkedHashMap<>();
        for (String name : catalog.names()) {
            SignalSpec spec = catalog.spec(name);
            spec = spec.withQuality(quality(name, spec.quality()));
            String key = ConfigKeys.step(name);
            Setting step = settings.get(key);
            if (spec.isEventDriven()) {
                if (step != null) {
                    throw ConfigException.invalid(step, "no step: " + name + " is event-driven (one step per reading)");
                }
                signals.put(name, spec);
            } else if (step == null) {
                throw new ConfigException(key + ": required for the fixed-step signal " + name);
            } else {
                signals.put(name, spec.withStep(duration(key, false)));
            }
        }
        return signals;
    }
}
