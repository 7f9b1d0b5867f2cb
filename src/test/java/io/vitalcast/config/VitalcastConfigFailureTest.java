package io.vitalcast.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VitalcastConfigFailureTest {
    private static final Map<String, String> BOOTSTRAP_ENV = Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:9092");

    @TempDir
    Path temp;

    private static VitalcastConfig loadWith(String... assignments) {
        return VitalcastConfig.load(null, BOOTSTRAP_ENV,
            java.util.Arrays.stream(assignments).map(a -> ConfigLayers.assignment(a, "--set")).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vitalcast.alert.sustain.steps=abc | vitalcast.alert.sustain.steps: expected an integer >= 1, got 'abc'",
        "vitalcast.alert.sustain.steps=0   | vitalcast.alert.sustain.steps: expected an integer >= 1, got '0'",
        "vitalcast.alert.clear.steps=1.5   | vitalcast.alert.clear.steps: expected an integer >= 1, got '1.5'",
        "vitalcast.alert.margin=-0.1       | vitalcast.alert.margin: expected a number >= 0, got '-0.1'",
        "vitalcast.alert.margin=NaN        | vitalcast.alert.margin: expected a number >= 0, got 'NaN'",
        "vitalcast.topics.partitions=0     | vitalcast.topics.partitions: expected an integer >= 1, got '0'",
        "vitalcast.topics.replication.factor=40000 | vitalcast.topics.replication.factor: expected an integer from 1 to 32767, got '40000'",
        "vitalcast.metrics.port=70000      | vitalcast.metrics.port: expected an integer from 0 to 65535, got '70000'",
        "vitalcast.window.grace=soon       | vitalcast.window.grace: expected a duration such as PT10S, 500ms, 30s, 5m or 1h, got 'soon'",
        "vitalcast.window.grace=-PT1S      | vitalcast.window.grace: expected a duration such as PT10S, 500ms, 30s, 5m or 1h, got '-PT1S'",
        "vitalcast.signals.spo2.step=0s    | vitalcast.signals.spo2.step: expected a positive duration such as PT10S, 500ms, 30s, 5m or 1h, got '0s'",
        "vitalcast.signals.rr_interval.step=1s | vitalcast.signals.rr_interval.step: expected no step: rr_interval is event-driven",
        "vitalcast.limits.spo2.low=low     | vitalcast.limits.spo2.low: expected a number or 'none', got 'low'",
        "vitalcast.limits.heart_rate.low=150 | vitalcast.limits.heart_rate.low: must be below vitalcast.limits.heart_rate.high",
        "vitalcast.limits.temperature.high=39 | vitalcast.limits.temperature.high: unknown signal 'temperature'",
        "vitalcast.signals.temperature.step=1m | vitalcast.signals.temperature.step: unknown signal 'temperature'",
        "vitalcast.topics.readings=a/b     | vitalcast.topics.readings: expected a topic name",
        "vitalcast.alert.sensitivity=0     | vitalcast.alert.sensitivity: expected a number > 0, got '0'",
        "vitalcast.alert.spo2.sensitivity=high | vitalcast.alert.spo2.sensitivity: expected a number > 0, got 'high'",
        "vitalcast.alert.sustain.window.steps=2 | vitalcast.alert.sustain.window.steps: expected an integer from the sustain steps (3) to 64",
        "vitalcast.alert.heart_rate.sustain.window.steps=65 | vitalcast.alert.heart_rate.sustain.window.steps: expected an integer from the sustain steps (3) to 64",
        "vitalcast.alert.exit.ratio=1.5    | vitalcast.alert.exit.ratio: expected a number > 0 and <= 1, got '1.5'",
        "vitalcast.alert.realert.interval=later | vitalcast.alert.realert.interval: expected a duration such as PT10S",
        "vitalcast.alert.critical.ratio=0.5 | vitalcast.alert.critical.ratio: expected a number >= 1, got '0.5'",
        "vitalcast.alert.critical.after=-5m | vitalcast.alert.critical.after: expected a duration such as PT10S",
        "vitalcast.alert.warmup.steps=2.5  | vitalcast.alert.warmup.steps: expected an integer >= 0, got '2.5'",
        "vitalcast.alert.predicted.probability=1 | vitalcast.alert.predicted.probability: expected a probability > 0 and < 1, got '1'",
        "vitalcast.alert.rr_interval.predicted.probability=0 | vitalcast.alert.rr_interval.predicted.probability: expected a number > 0, got '0'",
        "vitalcast.alert.max.per.patient.hour=-1 | vitalcast.alert.max.per.patient.hour: expected an integer >= 0, got '-1'",
        "vitalcast.topics.alert.acks=a b   | vitalcast.topics.alert.acks: expected a topic name",
        "vitalcast.intervals.calibration.rate=2 | vitalcast.intervals.calibration.rate: expected a number from 0 (off) to 1, got '2'",
        "vitalcast.intervals.calibration.rate=fast | vitalcast.intervals.calibration.rate: expected a number from 0 (off) to 1, got 'fast'",
        "vitalcast.readings.max.future=2h  | vitalcast.readings.max.future: expected a duration of at most 1h (the broker's default limit on how far ahead a record timestamp may be) or 'none', got '2h'",
        "vitalcast.readings.max.future=soon | vitalcast.readings.max.future: expected a duration such as PT10S",
        "vitalcast.readings.max.bytes=10   | vitalcast.readings.max.bytes: expected an integer from 1024 to 67108864, got '10'",
        "vitalcast.readings.max.batch.values=0 | vitalcast.readings.max.batch.values: expected an integer from 1 to 1000000, got '0'",
        "vitalcast.readings.max.id.length=x | vitalcast.readings.max.id.length: expected an integer from 1 to 65536, got 'x'",
        "vitalcast.rejected.max.original.bytes=-1 | vitalcast.rejected.max.original.bytes: expected an integer from 0 to 262144, got '-1'",
        "vitalcast.processing.errors=ignore | vitalcast.processing.errors: expected reject or fail, got 'ignore'",
        "vitalcast.forecasts.format=avro   | vitalcast.forecasts.format: expected json or compact, got 'avro'",
        "vitalcast.alert.sustain=3         | vitalcast.alert.sustain: unknown key, got '3' (command line --set)",
        "replication.factor=3              | replication.factor: set vitalcast.topics.replication.factor instead",
        "bootstrap.server=x:1              | bootstrap.server: neither a vitalcast.* key nor a Kafka client setting",
        "processing.guarantee=maybe        | processing.guarantee: Invalid value maybe for configuration processing.guarantee",
        "num.stream.threads=many           | num.stream.threads: Invalid value many for configuration num.stream.threads: Not a number of type INT (command line --set)",
    })
    void shouldFailNamingKeyAndValue(String assignment, String message) {
        assertThatThrownBy(() -> loadWith(assignment))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(message);
    }

    @Test
    void shouldNameTheEnvironmentVariableABadValueCameFrom() {
        assertThatThrownBy(() -> VitalcastConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:1",
            "VITALCAST_ALERT_SUSTAIN_STEPS", "abc"), List.of()))
            .hasMessage("vitalcast.alert.sustain.steps: expected an integer >= 1, got 'abc' "
                + "(environment variable VITALCAST_ALERT_SUSTAIN_STEPS)");
    }

    @Test
    void shouldRejectUnknownVitalcastEnvironmentVariables() {
        assertThatThrownBy(() -> VitalcastConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "h:1",
            "VITALCAST_ALERT_MARGINN", "1"), List.of()))
            .hasMessageContaining("vitalcast.alert.marginn: unknown key")
            .hasMessageContaining("VITALCAST_ALERT_MARGINN");
    }

    @Test
    void shouldNameTheFileABadValueCameFrom() throws IOException {
        Path file = temp.resolve("bad.properties");
        Files.writeString(file, "vitalcast.topics.partitions = three\n");

        assertThatThrownBy(() -> VitalcastConfig.load(file, BOOTSTRAP_ENV, List.of()))
            .hasMessage("vitalcast.topics.partitions: expected an integer >= 1, got 'three' (config file " + file + ")");
    }

    @Test
    void shouldRejectAKeyGivenTwiceInTheFileWithDifferentValues() throws IOException {
        Path file = temp.resolve("twice.properties");
        Files.writeString(file, "vitalcast.alert.margin=1\nvitalcast.alert.margin=2\n");

        assertThatThrownBy(() -> VitalcastConfig.load(file, BOOTSTRAP_ENV, List.of()))
            .hasMessageStartingWith("vitalcast.alert.margin: given twice, as '1'");
    }

    @Test
    void shouldRejectConflictingCommandLineSettingsHidingSecrets() {
        assertThatThrownBy(() -> loadWith("sasl.jaas.config=one", "sasl.jaas.config=two"))
            .hasMessageStartingWith("sasl.jaas.config: given twice, as '[hidden]'")
            .hasMessageNotContaining("one").hasMessageNotContaining("two");
    }

    @Test
    void shouldRejectAMissingConfigFile() {
        Path missing = temp.resolve("missing.properties");

        assertThatThrownBy(() -> VitalcastConfig.load(missing, BOOTSTRAP_ENV, List.of()))
            .isInstanceOf(ConfigException.class)
            .hasMessageStartingWith("--config: cannot read " + missing);
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> VitalcastConfig.load(null, Map.of(), List.of()))
            .hasMessageStartingWith("bootstrap.servers: required");
    }

    @Test
    void shouldRejectAnAssignmentWithoutEquals() {
        assertThatThrownBy(() -> ConfigLayers.assignment("vitalcast.alert.margin", "--set"))
            .hasMessage("--set: expected key=value, got 'vitalcast.alert.margin'");
    }
}
