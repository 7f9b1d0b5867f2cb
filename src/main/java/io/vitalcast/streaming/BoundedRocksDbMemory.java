package io.vitalcast.streaming;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the process by one shared budget: the block cache, the index
 * and filter blocks, and the memtables (charged to the same cache through a write buffer manager). Kafka Streams'
 * defaults give each store instance its own 50 MB block cache and up to three 16 MB memtables, so RocksDB's memory
 * grows with the number of stores and tasks (a 30-minute soak at a ward's rate saw it climb in a sawtooth of memtable
 * fills and flushes with rising troughs); under this budget it is capped whatever the partitions, the recipe of
 * Kafka Streams' memory-management guide. Set as the default {@code rocksdb.config.setter}; a user's own setting
 * replaces it.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Off-heap bytes for all RocksDB stores of the process together. */
    public static final long TOTAL_BYTES = 64L * 1024 * 1024;
    /** The part of the budget memtables may take. */
    static final long MEMTABLE_BYTES = TOTAL_BYTES / 4;
    private static final double INDEX_FILTER_RATIO = 0.1;
    private static final long MEMTABLE_SIZE = 4L * 1024 * 1024;

    /** Created with the first store, once RocksDB's native library is loaded (checking the configuration is not). */
    private static final class Shared {
        static {
            RocksDB.loadLibrary();
        }

        static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, INDEX_FILTER_RATIO);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed here
    }
}
