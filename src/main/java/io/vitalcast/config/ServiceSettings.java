package io.vitalcast.config;

import java.time.Duration;

/**
 * How the service process itself runs, apart from what it computes: where it serves its metrics and health, how
 * long it waits for Kafka at start, and whether it may run without models.
 *
 * @param metricsHost    the address the metrics and health endpoint listens on; empty for every interface
 * @param connectTimeout how long {@code run} waits for Kafka at start before it fails
 * @param modelsRequired whether a missing or empty model directory is an error rather than a warning
 */
public record ServiceSettings(String metricsHost, Duration connectTimeout, boolean modelsRequired) {
    public ServiceSettings {
        metricsHost = metricsHost == null ? "" : metricsHost.trim();
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive, got " + connectTimeout);
        }
    }
}
