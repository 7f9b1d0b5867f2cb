package io.vitalcast.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import org.junit.jupiter.api.Test;

/** The runner without a broker: what it declares before it starts. */
class StreamsRunnerTest {
    @Test
    void shouldExportTheThreadReplacementAndHangingTransactionCountersAtZeroBeforeAnyFailure() {
        VitalcastConfig config = VitalcastConfig.load(null, Map.of(), List.of(
            new Setting("bootstrap.servers", "localhost:9", "test")));
        try (StreamsRunner runner = new StreamsRunner(config)) {
            assertThat(runner.registry().scrape())
                .contains("# TYPE vitalcast_stream_thread_replacements_total counter")
                .contains("vitalcast_stream_thread_replacements_total 0.0")
                .contains("# TYPE vitalcast_hanging_transactions_aborted_total counter")
                .contains("vitalcast_hanging_transactions_aborted_total 0.0");
        }
    }
}
