package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus alerting rules are valid ({@code promtool check rules}) and fire when, and only when, their
 * unit tests say ({@code promtool test rules}). Needs Debian's {@code promtool} (package prometheus), which
 * {@code .ci/run} installs; skipped without it.
 */
class PrometheusRulesTest {
    private static final Path RULES = Path.of("deploy/prometheus/rules");

    private static boolean promtoolInstalled() {
        try {
            return new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start()
                .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String promtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(RULES.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void shouldShipValidAlertingRulesThatPassTheirUnitTests() throws Exception {
        assumeTrue(promtoolInstalled(), "promtool is not installed (apt-get install prometheus)");
        assertThat(Files.list(RULES).map(p -> p.getFileName().toString()).toList())
            .contains("vitalcast-alerts.yml", "vitalcast-alerts.test.yml");

        assertThat(promtool("check", "rules", "vitalcast-alerts.yml")).contains("SUCCESS: 6 rules found");
        assertThat(promtool("test", "rules", "vitalcast-alerts.test.yml")).contains("SUCCESS");
    }
}
