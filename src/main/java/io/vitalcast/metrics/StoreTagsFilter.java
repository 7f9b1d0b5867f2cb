package io.vitalcast.metrics;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives Kafka Streams' state-store metrics one set of tag keys. Kafka names the store tag after the store type
 * ({@code rocksdb-state-id}, {@code in-memory-state-id}, {@code in-memory-window-state-id}, ...), so the same metric
 * of a RocksDB and of an in-memory store arrives with different tag keys, which a Prometheus registry refuses to
 * register under one name (Micrometer warns that the meter could not be registered, and it is missing from
 * {@code /metrics}). Here every such tag becomes {@code state-id} with the store type in {@code store-type}.
 */
public final class StoreTagsFilter implements MeterFilter {
    private static final String SUFFIX = "-state-id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("kafka.stream.state")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String key = tag.getKey();
            if (key.endsWith(SUFFIX) && !key.equals("state-id")) {
                tags.add(Tag.of("state-id", tag.getValue()));
                tags.add(Tag.of("store-type", key.substring(0, key.length() - SUFFIX.length())));
                renamed = true;
            } else {
                tags.add(tag);
            }
        }
        return renamed ? id.replaceTags(tags) : id;
    }
}
