/**
 * Configuration of the streaming job, read in four documented layers so that one image runs anywhere:
 * <ol>
 *   <li>built-in defaults ({@link io.vitalcast.config.ConfigKeys#DEFAULTS}),</li>
 *   <li>a properties file ({@code --config FILE}),</li>
 *   <li>environment variables: {@code VITALCAST_ALERT_SUSTAIN_STEPS} sets {@code vitalcast.alert.sustain.steps}
 *       and {@code KAFKA_BOOTSTRAP_SERVERS} sets the Kafka client key {@code bootstrap.servers},</li>
 *   <li>command-line options, {@code --set key=value} included.</li>
 * </ol>
 * A later layer overrides an earlier one. Within one layer the same key given twice with different values is
 * rejected, and so is a Kafka key that would silently fight a Vitalcast one ({@code replication.factor}).
 *
 * <p>{@link io.vitalcast.config.ConfigLayers} gathers the raw text of every layer, {@link
 * io.vitalcast.config.ConfigParser} turns it into a typed, validated {@link io.vitalcast.config.VitalcastConfig}.
 * Every problem is a {@link io.vitalcast.config.ConfigException} naming the key, the value and where it came from,
 * raised before anything connects to Kafka.
 */
package io.vitalcast.config;
