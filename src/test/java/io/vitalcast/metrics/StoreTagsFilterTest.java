package io.vitalcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class StoreTagsFilterTest {

    private static void storeGauge(PrometheusMeterRegistry registry, String storeTag, String store, double value) {
        Gauge.builder("kafka.stream.state.put.rate", () -> value)
            .tags("thread-id", "t-1", "task-id", "0_0", storeTag, store).register(registry);
    }

    @Test
    void shouldExportTheSameMetricOfARocksDbAndAnInMemoryStoreUnderOneName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StoreTagsFilter());

        storeGauge(registry, "rocksdb-state-id", "series-state", 1.5);
        storeGauge(registry, "in-memory-window-state-id", "steps-heart_rate", 2.5);

        assertThat(registry.scrape()).contains(
            "kafka_stream_state_put_rate{state_id=\"series-state\",store_type=\"rocksdb\",task_id=\"0_0\","
                + "thread_id=\"t-1\"} 1.5",
            "kafka_stream_state_put_rate{state_id=\"steps-heart_rate\",store_type=\"in-memory-window\","
                + "task_id=\"0_0\",thread_id=\"t-1\"} 2.5");
    }

    @Test
    void shouldLoseTheSecondStoreWithoutTheFilter() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        storeGauge(registry, "rocksdb-state-id", "series-state", 1.5);
        storeGauge(registry, "in-memory-window-state-id", "steps-heart_rate", 2.5);

        assertThat(registry.scrape()).doesNotContain("steps-heart_rate");
    }
}
