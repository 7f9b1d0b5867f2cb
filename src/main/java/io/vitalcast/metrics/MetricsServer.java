package io.vitalcast.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Serves a Prometheus registry at {@code /metrics} and the service's {@link Health} at {@code /health} with the JDK's
 * own HTTP server: two endpoints need no web framework. Listens on the given address (every interface by default);
 * other paths answer 404, other methods than GET and HEAD 405.
 *
 * <p>Thread-safe; requests are answered one at a time on a daemon thread.
 */
public final class MetricsServer implements AutoCloseable {
    /** The path scraped by Prometheus. */
    public static final String PATH = "/metrics";
    /** The path of the readiness answer. */
    public static final String HEALTH_PATH = "/health";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds the port on every interface and starts serving metrics only ({@code /health} answers 404).
     *
     * @param port the port, or 0 for a free one (see {@link #port()})
     * @throws IOException when the port cannot be bound
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, int port) throws IOException {
        return start(registry, null, port, null);
    }

    /**
     * Binds the address and starts serving.
     *
     * @param host   the address to listen on, or null or empty for every interface
     * @param port   the port, or 0 for a free one (see {@link #port()})
     * @param health what {@code /health} answers, or null for no such endpoint
     * @throws IOException when the address cannot be bound
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port,
                                      Supplier<Health> health) throws IOException {
        InetSocketAddress address = host == null || host.isBlank() ? new InetSocketAddress(port)
            : new InetSocketAddress(host, port);
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vitalcast-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(PATH, exchange -> answer(exchange, PATH, () -> new Answer(200, CONTENT_TYPE,
            registry.scrape().getBytes(StandardCharsets.UTF_8))));
        if (health != null) {
            server.createContext(HEALTH_PATH, exchange -> answer(exchange, HEALTH_PATH, () -> {
                Health now = health.get();
                return new Answer(now.ready() ? 200 : 503, JSON, now.json().getBytes(StandardCharsets.UTF_8));
            }));
        }
        server.start();
        return new MetricsServer(server, executor);
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private static void answer(HttpExchange exchange, String path, Supplier<Answer> answers) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
            } else {
                Answer answer = answers.get();
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(answer.status(), -1);
                } else {
                    exchange.sendResponseHeaders(answer.status(), answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
            }
        }
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The scrape address on this host. */
    public URI uri() {
        return URI.create("http://localhost:" + port() + PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
