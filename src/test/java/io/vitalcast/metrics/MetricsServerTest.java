package io.vitalcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient client = HttpClient.newHttpClient();
    private MetricsServer server;

    @BeforeEach
    void start() throws Exception {
        registry.counter("vitalcast_test_events").increment(3);
        server = MetricsServer.start(registry, 0);
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheRegistryInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics");

        assertThat(server.port()).isPositive();
        assertThat(server.uri()).isEqualTo(URI.create("http://localhost:" + server.port() + "/metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("vitalcast_test_events_total 3.0");
    }

    @Test
    void shouldAnswerHealthWith200OnlyWhenReady() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Health> health = new java.util.concurrent.atomic.AtomicReference<>(
            Health.STARTING);
        try (MetricsServer served = MetricsServer.start(registry, "127.0.0.1", 0, health::get)) {
            URI uri = URI.create("http://127.0.0.1:" + served.port() + "/health");
            HttpResponse<String> starting = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
            health.set(new Health("RUNNING", true));
            HttpResponse<String> running = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("{\"state\":\"STARTING\",\"ready\":false}");
            assertThat(running.statusCode()).isEqualTo(200);
            assertThat(running.body()).isEqualTo("{\"state\":\"RUNNING\",\"ready\":true}");
        }
    }

    @Test
    void shouldAnswerOtherPathsWith404AndOtherMethodsWith405() throws Exception {
        assertThat(send("GET", "/metricsx").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/metrics").statusCode()).isEqualTo(405);
        assertThat(send("HEAD", "/metrics").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/health").statusCode()).as("no health without a provider").isEqualTo(404);
    }
}
