package io.vitalcast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.vitalcast.alerting.AlertDirection;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.streaming.StreamingSettings;
import io.vitalcast.streaming.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VitalcastConfigTest {
    private static final Map<String, String> BOOTSTRAP_ENV = Map.of("KAFKA_BOOTSTRAP_SERVERS", "env-host:9092");

    @TempDir
    Path temp;

    private static List<Setting> cli(String... assignments) {
        return java.util.Arrays.stream(assignments).map(a -> ConfigLayers.assignment(a, "--set")).toList();
    }

    private Path file(String... lines) throws IOException {
        Path file = temp.resolve("vitalcast.properties");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void shouldApplyBuiltInDefaults() {
        VitalcastConfig config = VitalcastConfig.load(null, BOOTSTRAP_ENV, List.of());
        StreamingSettings settings = config.toStreamingSettings();

        assertThat(settings.topics()).isEqualTo(Topics.defaults());
        assertThat(config.topicPartitions()).isEqualTo(3);
        assertThat(config.topicReplicationFactor()).isEqualTo((short) 1);
        assertThat(config.metricsPort()).isEqualTo(9464);
        assertThat(settings.modelDirectory()).isEqualTo(Path.of("models"));
        assertThat(settings.grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.alertMargin()).isZero();
        assertThat(settings.alertSustainSteps()).isEqualTo(3);
        assertThat(settings.alertClearSteps()).isEqualTo(2);
        assertThat(settings.limitsOf("heart_rate")).isEqualTo(new ClinicalLimits(40, 140));
        assertThat(settings.limitsOf("spo2").low()).isEqualTo(88);
        assertThat(settings.limitsOf("spo2").high()).isNaN();
        assertThat(settings.limitsOf("resp_rate")).isEqualTo(new ClinicalLimits(8, 30));
        assertThat(settings.limitsOf("rr_interval")).isEqualTo(new ClinicalLimits(0.3, 2.0));
        assertThat(settings.limitsOf("abp_mean")).isEqualTo(new ClinicalLimits(60, 110));
        assertThat(settings.limitsOf("pulse")).isEqualTo(ClinicalLimits.none());
        assertThat(settings.signals().get("heart_rate").step()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.signals().get("abp_dias").step()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.signals().get("ecg_heart_rate").step()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.signals().get("rr_interval").isEventDriven()).isTrue();
        Properties kafka = config.kafkaProperties();
        assertThat(kafka).containsEntry("application.id", "vitalcast")
            .containsEntry("processing.guarantee", "exactly_once_v2")
            .containsEntry("bootstrap.servers", "env-host:9092")
            .containsEntry("replication.factor", "1");
    }

    @Test
    void shouldLayerFileUnderEnvironmentUnderCommandLine() throws IOException {
        Path file = file("vitalcast.alert.margin=0.5", "vitalcast.alert.sustain.steps=4",
            "vitalcast.alert.clear.steps=5", "bootstrap.servers=file-host:9092", "num.stream.threads=2");
        Map<String, String> env = Map.of("VITALCAST_ALERT_SUSTAIN_STEPS", "6", "VITALCAST_ALERT_CLEAR_STEPS", "7",
            "KAFKA_NUM_STREAM_THREADS", "3");

        VitalcastConfig config = VitalcastConfig.load(file, env, cli("vitalcast.alert.clear.steps=8",
            "bootstrap.servers=cli-host:9092"));

        assertThat(config.alertMargin()).isEqualTo(0.5);
        assertThat(config.alertSustainSteps()).isEqualTo(6);
        assertThat(config.alertClearSteps()).isEqualTo(8);
        assertThat(config.kafka()).containsEntry("num.stream.threads", "3");
        assertThat(config.bootstrapServers()).isEqualTo("cli-host:9092");
    }

    @Test
    void shouldReadEveryKeyFromTheFile() throws IOException {
        Path file = file("vitalcast.topics.readings=r", "vitalcast.topics.forecasts=f", "vitalcast.topics.alerts=a",
            "vitalcast.topics.rejected=x", "vitalcast.topics.partitions=6", "vitalcast.topics.replication.factor=3",
            "vitalcast.models.dir=/opt/models", "vitalcast.window.grace=PT1M", "vitalcast.metrics.port=0",
            "vitalcast.limits.pulse.high=150", "vitalcast.signals.heart_rate.step=5s",
            "application.id=icu-7", "state.dir=/var/lib/vitalcast", "num.standby.replicas=1",
            "security.protocol=SASL_SSL", "sasl.mechanism=PLAIN", "ssl.truststore.location=/etc/ts.jks",
            "bootstrap.servers=b:9092");

        VitalcastConfig config = VitalcastConfig.load(file, Map.of(), List.of());

        assertThat(config.topics()).isEqualTo(new Topics("r", "f", "a", "x"));
        assertThat(config.topicPartitions()).isEqualTo(6);
        assertThat(config.modelDirectory()).isEqualTo(Path.of("/opt/models"));
        assertThat(config.grace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.metricsPort()).isZero();
        assertThat(config.limits().get("pulse").high()).isEqualTo(150);
        assertThat(config.limits().get("pulse").low()).isNaN();
        assertThat(config.signals().get("heart_rate").step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.applicationId()).isEqualTo("icu-7");
        assertThat(config.kafkaProperties()).containsEntry("replication.factor", "3")
            .containsEntry("state.dir", "/var/lib/vitalcast").containsEntry("num.standby.replicas", "1")
            .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
            .containsEntry("ssl.truststore.location", "/etc/ts.jks");
    }

    @Test
    void shouldMapEnvironmentNamesKeepingUnderscoresInSignalNames() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:1", "VITALCAST_TOPICS_READINGS", "in",
            "VITALCAST_TOPICS_REPLICATION_FACTOR", "2", "VITALCAST_LIMITS_HEART_RATE_LOW", "35",
            "VITALCAST_SIGNALS_ECG_HEART_RATE_STEP", "2s", "KAFKA_SASL_JAAS_CONFIG", "secret",
            "KAFKA_OPTS", "-Xmx1g", "KAFKA_HEAP_OPTS", "-Xmx2g", "PATH", "/bin");

        VitalcastConfig config = VitalcastConfig.load(null, env, List.of());

        assertThat(config.topics().readings()).isEqualTo("in");
        assertThat(config.topicReplicationFactor()).isEqualTo((short) 2);
        assertThat(config.limits().get("heart_rate").low()).isEqualTo(35);
        assertThat(config.signals().get("ecg_heart_rate").step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.kafka()).containsEntry("sasl.jaas.config", "secret").doesNotContainKeys("opts",
            "heap.opts");
    }

    @Test
    void shouldReadTheAlarmPolicyKeysGloballyAndPerSignal() {
        VitalcastConfig config = VitalcastConfig.load(null, BOOTSTRAP_ENV, cli("vitalcast.alert.sensitivity=2",
            "vitalcast.alert.sustain.window.steps=5", "vitalcast.alert.exit.ratio=0.5",
            "vitalcast.alert.realert.interval=10m", "vitalcast.alert.critical.after=15m",
            "vitalcast.alert.spo2.critical.ratio=4", "vitalcast.alert.spo2.warmup.steps=20",
            "vitalcast.alert.spo2.predicted.probability=0.8", "vitalcast.alert.max.per.patient.hour=6",
            "vitalcast.alert.spo2.deviation.horizon.step=4", "vitalcast.topics.alert.acks=acks"));

        io.vitalcast.streaming.StreamingSettings settings = config.toStreamingSettings();

        assertThat(settings.policyOf("spo2")).isEqualTo(new io.vitalcast.alerting.AlertPolicy(0.0, 3, 2,
            io.vitalcast.alerting.AlertDirection.BOTH, 2.0, 5, 0.5, Duration.ofMinutes(10), 4.0,
            Duration.ofMinutes(15), 20, 0.8, 4));
        assertThat(settings.policyOf("heart_rate").criticalRatio()).isEqualTo(3.0);
        assertThat(settings.policyOf("heart_rate").deviationHorizonStep()).isEqualTo(1);
        assertThat(settings.policyOf("heart_rate").predictedProbability()).isEqualTo(0.5);
        assertThat(settings.policyOf("heart_rate").enterScore()).isEqualTo(0.5);
        assertThat(settings.maxAlertsPerPatientHour()).isEqualTo(6);
        assertThat(settings.topics().alertAcks()).isEqualTo("acks");
    }

    @Test
    void shouldKeepTodaysPolicyWhenNoAlarmPolicyKeyIsSet() {
        io.vitalcast.streaming.StreamingSettings settings = VitalcastConfig.load(null, BOOTSTRAP_ENV, List.of())
            .toStreamingSettings();

        assertThat(settings.policyOf("heart_rate")).isEqualTo(new io.vitalcast.alerting.AlertPolicy(0.0, 3, 2,
            io.vitalcast.alerting.AlertDirection.BOTH));
        assertThat(settings.maxAlertsPerPatientHour()).isZero();
        assertThat(settings.topics().alertAcks()).isEqualTo("vitals.alert-acks");
    }

    @Test
    void shouldGiveASignalItsOwnAlertPolicyOverTheSharedOne() {
        VitalcastConfig config = VitalcastConfig.load(null, BOOTSTRAP_ENV, cli("vitalcast.alert.spo2.direction=below",
            "vitalcast.alert.spo2.sustain.steps=5", "vitalcast.alert.margin=0.5"));

        io.vitalcast.streaming.StreamingSettings settings = config.toStreamingSettings();

        assertThat(settings.policyOf("spo2")).isEqualTo(new io.vitalcast.alerting.AlertPolicy(0.5, 5, 2,
            io.vitalcast.alerting.AlertDirection.BELOW));
        assertThat(settings.policyOf("heart_rate")).isEqualTo(new io.vitalcast.alerting.AlertPolicy(0.5, 3, 2,
            io.vitalcast.alerting.AlertDirection.BOTH));
    }

    @Test
    void shouldRejectABadPerSignalAlertPolicyNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VitalcastConfig.load(null, BOOTSTRAP_ENV,
            cli("vitalcast.alert.spo2.direction=sideways"))).hasMessageContaining("vitalcast.alert.spo2.direction");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VitalcastConfig.load(null, BOOTSTRAP_ENV,
            cli("vitalcast.alert.spo2.clear.steps=0"))).hasMessageContaining("vitalcast.alert.spo2.clear.steps");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VitalcastConfig.load(null, BOOTSTRAP_ENV,
            cli("vitalcast.alert.ecg_heart_rate.deviation.horizon.step=0")))
            .hasMessageContaining("vitalcast.alert.ecg_heart_rate.deviation.horizon.step");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VitalcastConfig.load(null, BOOTSTRAP_ENV,
            cli("vitalcast.alert.glucose.margin=1"))).hasMessageContaining("unknown signal 'glucose'");
    }

    @Test
    void shouldTakeShortAndIsoDurations() {
        for (Map.Entry<String, Duration> e : Map.of("500ms", Duration.ofMillis(500), "30s", Duration.ofSeconds(30),
            "5m", Duration.ofMinutes(5), "1h", Duration.ofHours(1), "PT2S", Duration.ofSeconds(2), "0s",
            Duration.ZERO).entrySet()) {
            assertThat(VitalcastConfig.load(null, BOOTSTRAP_ENV, cli("vitalcast.window.grace=" + e.getKey()))
                .grace()).isEqualTo(e.getValue());
        }
    }

    @Test
    void shouldAllowNoModelDirectory() {
        assertThat(VitalcastConfig.load(null, BOOTSTRAP_ENV, cli("vitalcast.models.dir=")).modelDirectory())
            .isNull();
    }

    @Test
    void shouldAcceptTheSameValueTwiceOnTheCommandLine() {
        assertThat(VitalcastConfig.load(null, Map.of(), cli("bootstrap.servers=a:1", "bootstrap.servers=a:1"))
            .bootstrapServers()).isEqualTo("a:1");
    }

    @Test
    void shouldHideSecretsWhenPrinted() {
        VitalcastConfig config = VitalcastConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:1",
            "KAFKA_SASL_JAAS_CONFIG", "user=\"u\" password=\"p4ss\"", "KAFKA_SSL_KEY_PASSWORD", "k3y"), List.of());

        assertThat(config.toString()).contains("sasl.jaas.config=[hidden]", "ssl.key.password=[hidden]",
            "bootstrap.servers=h:1").doesNotContain("p4ss").doesNotContain("k3y");
    }

    @Test
    void shouldLoadTheSampleConfigurationAsTheDefaults() throws Exception {
        Path sample = Path.of("samples/vitalcast.properties");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(sample)) {
            properties.load(reader);
        }
        assertThat(properties.stringPropertyNames()).as("every key documented").containsAll(
            ConfigKeys.DEFAULTS.keySet());

        assertThat(VitalcastConfig.load(sample, Map.of(), List.of()))
            .isEqualTo(VitalcastConfig.load(null, Map.of(), List.of(new Setting("bootstrap.servers",
                "localhost:9092", "test"))));
    }
}
