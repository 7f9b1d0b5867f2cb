package io.vitalcast.metrics;

/**
 * What {@code /health} answers: whether the service is ready to forecast, and the state that says why not. A
 * Kubernetes readiness probe (or a load balancer) should see a service as ready only once it processes its
 * partitions: not while it starts, rebalances or restores its state stores from the changelogs, and not after it
 * failed.
 *
 * @param state {@code STARTING}, {@code REBALANCING}, {@code RESTORING}, {@code RUNNING}, {@code STOPPING} or
 *              {@code ERROR}
 * @param ready whether the service processes its partitions (HTTP 200; otherwise 503)
 */
public record Health(String state, boolean ready) {
    /** Before the Kafka Streams client exists. */
    public static final Health STARTING = new Health("STARTING", false);

    /** The body of the answer. */
    String json() {
        return "{\"state\":\"" + state + "\",\"ready\":" + ready + "}";
    }
}
