/**
 * A Kafka broker inside the Vitalcast process, so that {@code vitalcast demo} needs nothing installed but Java.
 *
 * <p>{@link io.vitalcast.embedded.EmbeddedKafka} runs Kafka's own KRaft server (the same code as a real broker, not a
 * mock) as a single node that is both broker and controller, listening on loopback only. It is for demos and
 * integration tests: one replica, no security, no tuning. Production runs against a real cluster.
 */
package io.vitalcast.embedded;
