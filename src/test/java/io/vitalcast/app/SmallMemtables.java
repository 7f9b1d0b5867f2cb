package io.vitalcast.app;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB memtables of 64 KiB instead of Kafka Streams' 16 MiB, so that a test's stores write to their directory
 * within seconds rather than after megabytes of state: a full disk then shows at once.
 */
public final class SmallMemtables implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setWriteBufferSize(64 * 1024);
    }

    @Override
    public void close(String storeName, Options options) {
    }
}
