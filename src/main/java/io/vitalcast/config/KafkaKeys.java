package io.vitalcast.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Which keys are Kafka client settings to pass through. A key is accepted when Kafka Streams or one of its clients
 * defines it, or when it carries a client prefix ({@code producer.}, {@code consumer.}, ...) or a security prefix
 * ({@code security.}, {@code sasl.}, {@code ssl.}); a misspelt key is rejected instead of being ignored by Kafka
 * with a warning nobody reads.
 */
final class KafkaKeys {
    static final String BOOTSTRAP_SERVERS = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;
    static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    static final String PROCESSING_GUARANTEE = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    /** Set from {@link ConfigKeys#TOPIC_REPLICATION_FACTOR}, never directly. */
    static final String REPLICATION_FACTOR = StreamsConfig.REPLICATION_FACTOR_CONFIG;

    private static final List<String> PREFIXES = List.of("security.", "sasl.", "ssl.",
        StreamsConfig.PRODUCER_PREFIX, StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX,
        StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX,
        StreamsConfig.TOPIC_PREFIX);

    private static final Set<String> NAMES = names();

    private KafkaKeys() {
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }

    static boolean isKafkaKey(String key) {
        return NAMES.contains(key) || PREFIXES.stream().anyMatch(key::startsWith);
    }
}
