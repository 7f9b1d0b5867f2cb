package io.vitalcast.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {

    @Test
    void shouldMapVitalcastVariablesToDottedKeys() {
        assertThat(EnvironmentNames.vitalcastKey("VITALCAST_TOPICS_READINGS")).contains("vitalcast.topics.readings");
        assertThat(EnvironmentNames.vitalcastKey("VITALCAST_TOPICS_REPLICATION_FACTOR"))
            .contains("vitalcast.topics.replication.factor");
        assertThat(EnvironmentNames.vitalcastKey("HOME")).isEmpty();
    }

    @Test
    void shouldKeepUnderscoresOfSignalNames() {
        assertThat(EnvironmentNames.vitalcastKey("VITALCAST_LIMITS_RR_INTERVAL_HIGH"))
            .contains("vitalcast.limits.rr_interval.high");
        assertThat(EnvironmentNames.vitalcastKey("VITALCAST_LIMITS_SPO2_LOW")).contains("vitalcast.limits.spo2.low");
        assertThat(EnvironmentNames.vitalcastKey("VITALCAST_SIGNALS_ECG_HEART_RATE_STEP"))
            .contains("vitalcast.signals.ecg_heart_rate.step");
    }

    @Test
    void shouldMapKafkaVariablesToClientKeys() {
        assertThat(EnvironmentNames.kafkaKey("KAFKA_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
        assertThat(EnvironmentNames.kafkaKey("KAFKA_SSL_TRUSTSTORE_LOCATION")).contains("ssl.truststore.location");
        assertThat(EnvironmentNames.kafkaKey("KAFKA_")).isEmpty();
        assertThat(EnvironmentNames.kafkaKey("VITALCAST_X")).isEmpty();
    }

    @Test
    void shouldRecognizeKafkaClientKeys() {
        assertThat(KafkaKeys.isKafkaKey("num.stream.threads")).isTrue();
        assertThat(KafkaKeys.isKafkaKey("max.poll.records")).isTrue();
        assertThat(KafkaKeys.isKafkaKey("producer.linger.ms")).isTrue();
        assertThat(KafkaKeys.isKafkaKey("sasl.anything")).isTrue();
        assertThat(KafkaKeys.isKafkaKey("opts")).isFalse();
    }
}
