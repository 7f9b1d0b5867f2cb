package io.vitalcast.streaming;

import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * TEMPORARY stand-in on the {@code run} branch so that the runner can be built and tested: it copies readings to
 * the forecasts topic unchanged. The real topology (same signature) replaces this file at merge.
 */
public final class ForecastTopology {
    private ForecastTopology() {
    }

    /** A pass-through from the readings topic to the forecasts topic, keyed by patient id as received. */
    public static Topology build(StreamingSettings settings, VitalcastMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(settings.topics().readings(), Consumed.with(Serdes.String(), Serdes.String())
                .withName("readings-source"))
            .to(settings.topics().forecasts(), Produced.with(Serdes.String(), Serdes.String())
                .withName("forecasts-sink"));
        return builder.build();
    }
}
