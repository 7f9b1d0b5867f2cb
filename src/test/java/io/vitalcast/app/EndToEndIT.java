package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalcast.streaming.TestJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * End to end against the running demo, with real clients and servers nobody here wrote: Debian's {@code kcat}
 * produces readings and garbage and consumes forecasts, alerts and rejections; Debian's {@code prometheus}
 * scrapes the demo on loopback and every query of every Grafana dashboard must return at least one series.
 * {@code .ci/run} installs both; without them these tests are skipped, saying what to install.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATIENT = "e2e-kcat";

    private static Path temp;
    private static int kafkaPort;
    private static int metricsPort;
    private static Thread demo;
    private static final StringWriter DEMO_OUT = new StringWriter();
    private static Process prometheus;

    @BeforeAll
    static void startDemo() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not installed (apt-get install kcat)");
        temp = Files.createTempDirectory("vitalcast-e2e");
        kafkaPort = freePort();
        metricsPort = freePort();
        CommandLine cli = VitalcastCommand.commandLine();
        cli.setOut(new PrintWriter(DEMO_OUT, true));
        cli.setErr(new PrintWriter(DEMO_OUT, true));
        demo = new Thread(() -> cli.execute("demo", "--duration", "10m", "--speed", "120",
            "--kafka-port", Integer.toString(kafkaPort), "--metrics-port", Integer.toString(metricsPort),
            "--data-dir", temp.resolve("demo").toString()), "e2e-demo");
        demo.start();
        await("the demo publishes forecasts").ignoreExceptions().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(scrape()).contains("vitalcast_forecasts_total"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        if (demo != null) {
            demo.interrupt();
            demo.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(demo.isAlive()).as("the demo stopped").isFalse();
            assertThat(DEMO_OUT.toString()).contains("Demo stopped:");
        }
    }

    private static String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    @Test
    @Order(1)
    void shouldForecastAlertAndRejectWhatKcatProduces() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(400));
        StringBuilder lines = new StringBuilder();
        // 40 minutes: the shipped heart-rate model needs 30 steps of history before it forecasts
        for (int minute = 0; minute < 40; minute++) {
            double value = minute < 32 ? 80 + minute % 3 : 170;
            lines.append(PATIENT).append('\t').append(TestJson.text(TestJson.reading(PATIENT, "heart_rate",
                start.plusSeconds(60L * minute), value, "bpm"))).append('\n');
        }
        lines.append(PATIENT).append('\t').append("this is not a reading").append('\n');
        run(lines.toString(), "kcat", "-b", bootstrap(), "-P", "-t", "vitals.readings", "-K", "\t");

        await("kcat finds the forecasts, the limit alert and the rejected garbage").ignoreExceptions().atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(consume("vitals.forecasts")).anyMatch(l -> l.startsWith(PATIENT + "\t")
                    && l.contains("\"signal\":\"heart_rate\""));
                assertThat(consume("vitals.alerts")).anyMatch(l -> l.startsWith(PATIENT + "\t")
                    && l.contains("\"kind\":\"LIMIT\"") && l.contains("\"state\":\"OPEN\""));
                assertThat(consume("vitals.rejected")).anyMatch(l -> l.startsWith(PATIENT + "\t")
                    && l.contains("\"reason\":\"MALFORMED\"") && l.contains("this is not a reading"));
            });
    }

    @Test
    @Order(2)
    void shouldAnswerEveryDashboardQueryFromPrometheusScrapingTheDemo() throws Exception {
        assumeTrue(onPath("prometheus") && onPath("promtool"), "prometheus is not installed (apt-get install "
            + "prometheus)");
        run("", "promtool", "check", "config", "deploy/prometheus/prometheus.yml");
        int port = freePort();
        Path config = temp.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - "
            + Path.of("deploy/prometheus/rules/vitalcast-alerts.yml").toAbsolutePath() + "\nscrape_configs:\n"
            + "  - job_name: vitalcast\n    metrics_path: /metrics\n    static_configs:\n      - targets: [\"127.0.0.1:"
            + metricsPort + "\"]\n");
        run("", "promtool", "check", "config", config.toString());
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
            "--storage.tsdb.path=" + temp.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true).redirectOutput(temp.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/";

        await("the demo target is up").ignoreExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertThat(get(api + "query?query=" + encode("up{job=\"vitalcast\"}"))
                .at("/data/result/0/value/1").asText()).isEqualTo("1"));
        List<String> queries = dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(20);
        await("every dashboard query returns a series").ignoreExceptions().atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<String> empty = new ArrayList<>();
                for (String query : queries) {
                    JsonNode result = get(api + "query?query=" + encode(query)).at("/data/result");
                    if (!result.isArray() || result.isEmpty()) {
                        empty.add(query);
                    }
                }
                assertThat(empty).as("queries without a series").isEmpty();
            });
        await("every shipped alerting rule evaluates against the demo's metrics").ignoreExceptions()
            .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                JsonNode rules = get(api + "rules?type=alert").at("/data/groups/0/rules");
                assertThat(rules).hasSize(6);
                for (JsonNode rule : rules) {
                    assertThat(rule.get("health").asText()).as(rule.get("name").asText()).isEqualTo("ok");
                    if (rule.get("name").asText().equals("VitalcastAllSignalsOnBaselines")) {
                        assertThat(rule.get("alerts")).as("the demo runs the shipped models").isEmpty();
                    }
                }
            });
    }

    /** Every {@code expr} of every dashboard, with Grafana's variables set as a person would pick them. */
    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("grafana", "dashboards"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JSON.readTree(file.toFile()).findValues("expr").forEach(expr -> queries.add(expr.asText()
                    .replace("$__rate_interval", "1m").replace("$instance", ".*").replace("$patient", "icu-1")
                    .replace("$signal", ".*")));
            }
        }
        return queries;
    }

    private static List<String> consume(String topic) throws Exception {
        return List.of(run("", "kcat", "-b", bootstrap(), "-C", "-t", topic, "-o", "beginning", "-e", "-q",
            "-f", "%k\t%s\n").split("\n"));
    }

    private static JsonNode get(String uri) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(),
            HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String run(String input, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
