package io.vitalcast.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names and built-in defaults of every Vitalcast key, in one place so that code, docs and error messages agree.
 * Keys under {@code vitalcast.limits.<signal>} and {@code vitalcast.signals.<signal>} exist per signal of the
 * {@link io.vitalcast.data.SignalCatalog}.
 */
public final class ConfigKeys {
    public static final String PREFIX = "vitalcast.";

    public static final String TOPIC_READINGS = "vitalcast.topics.readings";
    public static final String TOPIC_FORECASTS = "vitalcast.topics.forecasts";
    public static final String TOPIC_ALERTS = "vitalcast.topics.alerts";
    public static final String TOPIC_REJECTED = "vitalcast.topics.rejected";
    public static final String TOPIC_ALERT_ACKS = "vitalcast.topics.alert.acks";
    public static final String TOPIC_PARTITIONS = "vitalcast.topics.partitions";
    public static final String TOPIC_REPLICATION_FACTOR = "vitalcast.topics.replication.factor";
    public static final String MODELS_DIR = "vitalcast.models.dir";
    public static final String WINDOW_GRACE = "vitalcast.window.grace";
    public static final String ALERT_MARGIN = "vitalcast.alert.margin";
    public static final String ALERT_SUSTAIN_STEPS = "vitalcast.alert.sustain.steps";
    public static final String ALERT_CLEAR_STEPS = "vitalcast.alert.clear.steps";
    /** Divides the anomaly-score threshold that opens an alert: the one sensitivity setting. */
    public static final String ALERT_SENSITIVITY = "vitalcast.alert.sensitivity";
    /** The n of m-of-n (m is the sustain steps); empty: the same as the sustain steps (consecutive steps). */
    public static final String ALERT_SUSTAIN_WINDOW_STEPS = "vitalcast.alert.sustain.window.steps";
    public static final String ALERT_EXIT_RATIO = "vitalcast.alert.exit.ratio";
    public static final String ALERT_REALERT_INTERVAL = "vitalcast.alert.realert.interval";
    public static final String ALERT_CRITICAL_RATIO = "vitalcast.alert.critical.ratio";
    public static final String ALERT_CRITICAL_AFTER = "vitalcast.alert.critical.after";
    public static final String ALERT_WARMUP_STEPS = "vitalcast.alert.warmup.steps";
    public static final String ALERT_DEVIATION_HORIZON_STEP = "vitalcast.alert.deviation.horizon.step";
    public static final String ALERT_PREDICTED_PROBABILITY = "vitalcast.alert.predicted.probability";
    /** Alerts per patient in any hour, across signals and kinds; 0 for no cap. */
    public static final String ALERT_MAX_PER_PATIENT_HOUR = "vitalcast.alert.max.per.patient.hour";
    /**
     * How fast each series calibrates its model's intervals to its own residuals (the rate of adaptive conformal
     * inference on the log width); 0 keeps the model's own intervals.
     */
    public static final String CALIBRATION_RATE = "vitalcast.intervals.calibration.rate";
    /**
     * Whether each series adapts its model's forecast to its patient (a bias correction per horizon step, used only
     * where it beats the model's own forecast on the series).
     */
    public static final String ADAPTATION = "vitalcast.forecasts.adaptation";
    /** How far ahead of the wall clock a reading's time may be before it is rejected as FUTURE_TIMESTAMP. */
    public static final String READINGS_MAX_FUTURE = "vitalcast.readings.max.future";
    /** The largest input record (key and value, bytes) before it is rejected as TOO_LARGE. */
    public static final String READINGS_MAX_BYTES = "vitalcast.readings.max.bytes";
    /** The most samples of one waveform batch. */
    public static final String READINGS_MAX_BATCH_VALUES = "vitalcast.readings.max.batch.values";
    /** The longest patient id or signal name, in characters. */
    public static final String READINGS_MAX_ID_LENGTH = "vitalcast.readings.max.id.length";
    /** How many bytes of the original record a rejected record keeps (its length and SHA-256 are always kept). */
    public static final String REJECTED_MAX_ORIGINAL_BYTES = "vitalcast.rejected.max.original.bytes";
    /** {@code reject} (an unexpected exception rejects the record and the stream goes on) or {@code fail}. */
    public static final String PROCESSING_ERRORS = "vitalcast.processing.errors";
    /** {@code json} or {@code compact}: how forecasts are written. */
    public static final String FORECASTS_FORMAT = "vitalcast.forecasts.format";
    public static final String METRICS_PORT = "vitalcast.metrics.port";
    /** The address the metrics and health endpoint listens on; empty for every interface. */
    public static final String METRICS_HOST = "vitalcast.metrics.host";
    /** How long {@code run} waits for Kafka at start before it fails. */
    public static final String KAFKA_CONNECT_TIMEOUT = "vitalcast.kafka.connect.timeout";
    /** Whether a missing or empty model directory fails the start instead of running baselines with a warning. */
    public static final String MODELS_REQUIRED = "vitalcast.models.required";
    /** Comma-separated, explicit opt-in list of patients exported per patient in metrics (capped). */
    public static final String WATCHED_PATIENTS = "vitalcast.metrics.watched.patients";

    /** {@code vitalcast.limits.<signal>.low|high}: a number, or {@code none}. */
    public static final Pattern LIMIT = Pattern.compile("vitalcast\\.limits\\.([a-z0-9_]+)\\.(low|high)");
    /**
     * {@code vitalcast.alert.<signal>.<field>}: a signal's own alert policy, any field of {@link #POLICY_FIELDS}
     * (each overrides the global {@code vitalcast.alert.<field>}).
     */
    public static final Pattern ALERT_POLICY = Pattern.compile(
        "vitalcast\\.alert\\.([a-z0-9_]+)\\.(margin|sustain\\.steps|clear\\.steps|direction|sensitivity"
            + "|sustain\\.window\\.steps|exit\\.ratio|realert\\.interval|critical\\.ratio|critical\\.after"
            + "|warmup\\.steps|predicted\\.probability|deviation\\.horizon\\.step)");
    /** The per-signal alert policy fields. */
    public static final java.util.List<String> POLICY_FIELDS = java.util.List.of("margin", "sustain.steps",
        "clear.steps", "direction", "sensitivity", "sustain.window.steps", "exit.ratio", "realert.interval",
        "critical.ratio", "critical.after", "warmup.steps", "predicted.probability", "deviation.horizon.step");
    /**
     * {@code vitalcast.quality.<signal>.flat.steps|max.jump|saturation.low|saturation.high|clear.steps}: a signal's
     * signal-quality thresholds, overriding the built-in ones of the signal catalog ({@code none} switches a
     * threshold off; {@code flat.steps} 0 switches the flat-line rule off).
     */
    public static final Pattern QUALITY = Pattern.compile(
        "vitalcast\\.quality\\.([a-z0-9_]+)\\.(flat\\.steps|max\\.jump|saturation\\.low|saturation\\.high|clear\\.steps)");
    /** {@code vitalcast.signals.<signal>.step}: the step of a fixed-step signal. */
    public static final Pattern SIGNAL_STEP = Pattern.compile("vitalcast\\.signals\\.([a-z0-9_]+)\\.step");

    /** The value of a limit key that means "no limit on this side". */
    public static final String NO_LIMIT = "none";

    /** Every fixed (not per-signal) Vitalcast key. */
    public static final Set<String> FIXED = Set.of(TOPIC_READINGS, TOPIC_FORECASTS, TOPIC_ALERTS, TOPIC_REJECTED,
        TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, MODELS_DIR, WINDOW_GRACE, ALERT_MARGIN, ALERT_SUSTAIN_STEPS,
        ALERT_CLEAR_STEPS, METRICS_PORT, WATCHED_PATIENTS, TOPIC_ALERT_ACKS, ALERT_SENSITIVITY,
        ALERT_SUSTAIN_WINDOW_STEPS, ALERT_EXIT_RATIO, ALERT_REALERT_INTERVAL, ALERT_CRITICAL_RATIO,
        ALERT_CRITICAL_AFTER, ALERT_WARMUP_STEPS, ALERT_PREDICTED_PROBABILITY, ALERT_MAX_PER_PATIENT_HOUR,
        ALERT_DEVIATION_HORIZON_STEP,
        CALIBRATION_RATE, ADAPTATION, READINGS_MAX_FUTURE, READINGS_MAX_BYTES, READINGS_MAX_BATCH_VALUES,
        READINGS_MAX_ID_LENGTH, REJECTED_MAX_ORIGINAL_BYTES, PROCESSING_ERRORS, FORECASTS_FORMAT, METRICS_HOST, KAFKA_CONNECT_TIMEOUT,
        MODELS_REQUIRED);

    /** The built-in defaults, Vitalcast and Kafka keys alike. */
    public static final Map<String, String> DEFAULTS = defaults();

    private ConfigKeys() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(TOPIC_READINGS, "vitals.readings");
        d.put(TOPIC_FORECASTS, "vitals.forecasts");
        d.put(TOPIC_ALERTS, "vitals.alerts");
        d.put(TOPIC_REJECTED, "vitals.rejected");
        d.put(TOPIC_PARTITIONS, "3");
        d.put(TOPIC_REPLICATION_FACTOR, "1");
        d.put(MODELS_DIR, "models");
        d.put(WINDOW_GRACE, "10s");
        d.put(ALERT_MARGIN, "0.0");
        d.put(ALERT_SUSTAIN_STEPS, "3");
        d.put(ALERT_CLEAR_STEPS, "2");
        d.put(TOPIC_ALERT_ACKS, "vitals.alert-acks");
        d.put(ALERT_SENSITIVITY, "1.0");
        d.put(ALERT_SUSTAIN_WINDOW_STEPS, "");
        d.put(ALERT_EXIT_RATIO, "1.0");
        d.put(ALERT_REALERT_INTERVAL, "0s");
        d.put(ALERT_CRITICAL_RATIO, "3.0");
        d.put(ALERT_CRITICAL_AFTER, "0s");
        d.put(ALERT_WARMUP_STEPS, "10");
        d.put(ALERT_DEVIATION_HORIZON_STEP, "1");
        d.put(ALERT_PREDICTED_PROBABILITY, "0.5");
        d.put(ALERT_MAX_PER_PATIENT_HOUR, "0");
        d.put(CALIBRATION_RATE, Double.toString(io.vitalcast.forecasting.OnlineCalibration.RATE));
        d.put(ADAPTATION, "on");
        d.put(READINGS_MAX_FUTURE, "5m");
        d.put(READINGS_MAX_BYTES, "262144");
        d.put(READINGS_MAX_BATCH_VALUES, "10000");
        d.put(READINGS_MAX_ID_LENGTH, "256");
        d.put(REJECTED_MAX_ORIGINAL_BYTES, "16384");
        d.put(PROCESSING_ERRORS, "reject");
        d.put(FORECASTS_FORMAT, "json");
        d.put(METRICS_PORT, "9464");
        d.put(METRICS_HOST, "");
        d.put(KAFKA_CONNECT_TIMEOUT, "60s");
        d.put(MODELS_REQUIRED, "false");
        d.put(WATCHED_PATIENTS, "");
        limits(d, "heart_rate", "40", "140");
        limits(d, "ecg_heart_rate", "40", "140");
        limits(d, "spo2", "88", NO_LIMIT);
        limits(d, "resp_rate", "8", "30");
        // chosen on the mostly normal-rhythm MIT-BIH 1xx records (docs/alerting.md): under one DEVIATION an hour
        d.put(alertPolicy("ecg_heart_rate", "deviation.horizon.step"), "3");
        d.put(alertPolicy("ecg_heart_rate", "sustain.steps"), "4");
        d.put(alertPolicy("ecg_heart_rate", "margin"), "1.0");
        limits(d, "rr_interval", "0.3", "2.0");
        d.put(alertPolicy("rr_interval", "direction"), "below");
        d.put(alertPolicy("rr_interval", "sustain.steps"), "1");
        d.put(alertPolicy("rr_interval", "clear.steps"), "1");
        limits(d, "abp_mean", "60", "110");
        for (String signal : new String[] {"heart_rate", "spo2", "resp_rate", "abp_mean", "abp_sys", "abp_dias",
            "pulse"}) {
            d.put(step(signal), "PT1M");
        }
        d.put(step("ecg_heart_rate"), "PT1S");
        d.put(KafkaKeys.APPLICATION_ID, "vitalcast");
        d.put(KafkaKeys.PROCESSING_GUARANTEE, "exactly_once_v2");
        d.put("processing.exception.handler.global.enabled", "true");
        // measured with StreamsThroughputHarness: a forecaster writes about ten times the bytes it reads (changelogs,
        // forecasts); lz4 cut them to a third and, with larger batches, raised readings/s of both the forecaster
        // and the pass-through
        d.put("producer.compression.type", "lz4");
        d.put("producer.batch.size", "262144");
        // the forecasting task also reads the alert-acks partition, which is nearly always empty; with any other
        // value Kafka Streams formats a log message for that empty partition before every record it processes
        // (about a tenth of the stream thread, +19% readings/s in StreamsThroughputHarness). The cost: while catching
        // up, an acknowledgement is not held back for readings with earlier timestamps still on the broker
        d.put("max.task.idle.ms", "-1");
        // one off-heap budget for every RocksDB store of the process instead of a block cache and memtables per store
        d.put("rocksdb.config.setter", "io.vitalcast.streaming.BoundedRocksDbMemory");
        return java.util.Collections.unmodifiableMap(d);
    }

    private static void limits(Map<String, String> d, String signal, String low, String high) {
        d.put(limit(signal, "low"), low);
        d.put(limit(signal, "high"), high);
    }

    /** {@code vitalcast.limits.<signal>.<side>}. */
    public static String limit(String signal, String side) {
        return "vitalcast.limits." + signal + "." + side;
    }

    /** {@code vitalcast.signals.<signal>.step}. */
    public static String alertPolicy(String signal, String field) {
        return "vitalcast.alert." + signal + "." + field;
    }

    /** {@code vitalcast.quality.<signal>.<field>}. */
    public static String quality(String signal, String field) {
        return "vitalcast.quality." + signal + "." + field;
    }

    public static String step(String signal) {
        return "vitalcast.signals." + signal + ".step";
    }
}
