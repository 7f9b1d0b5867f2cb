package io.vitalcast.streaming;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic with the serdes of its keys and values, declared once, so that what a topology writes and what a reader
 * of the topic decodes cannot drift apart.
 *
 * @param name       topic name
 * @param keySerde   serde of the keys
 * @param valueSerde serde of the values
 * @param <K>        key type
 * @param <V>        value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** How a source node named {@code processor} reads this topic. */
    public Consumed<K, V> consumed(String processor) {
        return Consumed.with(keySerde, valueSerde).withName(processor);
    }

    /** How a sink node named {@code processor} writes this topic. */
    public Produced<K, V> produced(String processor) {
        return Produced.with(keySerde, valueSerde).withName(processor);
    }
}
