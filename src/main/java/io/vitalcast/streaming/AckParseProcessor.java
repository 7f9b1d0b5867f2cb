package io.vitalcast.streaming;

import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.SourceRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * First step of an acknowledgement, on the partition its producer chose: parses and validates it, forwarding the
 * well-formed ones as {@link RoutedAck}s (to be repartitioned by patient) and the others as rejections, counted.
 * Whether the alert is open is for {@link AckProcessor} to say, in the patient's task.
 */
final class AckParseProcessor implements FixedKeyProcessor<String, byte[], AckParseProcessor.Parsed> {
    private final AckParser parser;
    private final VitalcastMetrics metrics;
    private FixedKeyProcessorContext<String, Parsed> context;

    /**
     * What parsing one acknowledgement record produced.
     *
     * @param routed   the acknowledgement and its source, or null
     * @param rejected why it is not one, or null
     */
    record Parsed(RoutedAck routed, RejectedReading rejected) {
    }

    AckParseProcessor(InputLimits limits, VitalcastMetrics metrics) {
        this.parser = new AckParser(limits);
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        SourceRecord source = InputRecords.source(context.recordMetadata(), record);
        AckParser.Result result = parser.parse(record.key(), source);
        if (result instanceof AckParser.Refused refused) {
            metrics.rejected(refused.rejected().reason().name());
            metrics.ack("unknown", false);
            context.forward(record.withValue(new Parsed(null, refused.rejected())));
        } else {
            context.forward(record.withValue(new Parsed(RoutedAck.of(((AckParser.Accepted) result).ack(), source),
                null)));
        }
    }
}
