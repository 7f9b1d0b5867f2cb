package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SourceRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads the alert-acks topic into the acknowledgements store that {@link ForecastProcessor} consults, keyed by
 * patient id and alert id ({@link StoreKeys#alert}); an acknowledgement is accepted only for an alert open for the
 * patient, as the forecasting processor's index of open alerts says. It shares the series-state store with the forecasting processor, which puts both in one
 * sub-topology (one task per partition of the co-partitioned readings and acks topics): an acknowledgement is seen by
 * the next step of the patient's series with no repartitioning. Acknowledgements of an alert not open for the patient,
 * and records that are not acknowledgements, are forwarded as rejections.
 */
final class AckProcessor implements Processor<String, byte[], String, TopologyOutput> {
    static final String STORE = "alert-acks";

    private final AckParser parser;
    private final VitalcastMetrics metrics;
    private ProcessorContext<String, TopologyOutput> context;
    private KeyValueStore<String, Acknowledgement> acks;
    private KeyValueStore<String, String> openAlerts;
    private KeyValueStore<SeriesKey, SeriesState> series;

    AckProcessor(InputLimits limits, VitalcastMetrics metrics) {
        this.parser = new AckParser(limits);
        this.metrics = metrics;
    }


    @Override
    public void init(ProcessorContext<String, TopologyOutput> context) {
        this.context = context;
        this.acks = context.getStateStore(STORE);
        this.openAlerts = context.getStateStore(ForecastProcessor.OPEN_ALERTS_STORE);
        this.series = context.getStateStore(ForecastProcessor.STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        SourceRecord source = new SourceRecord(metadata == null ? "" : metadata.topic(),
            metadata == null ? -1 : metadata.partition(), metadata == null ? -1 : metadata.offset(),
            record.timestamp(), record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
            record.value());
        AckParser.Result result = parser.parse(record.key(), source);
        if (result instanceof AckParser.Accepted accepted && !isOpen(accepted.ack())) {
            result = parser.reject(RejectReason.UNKNOWN_ALERT, "alert " + accepted.ack().alertId()
                + " is not open for this patient", accepted.ack().patientId(), source);
        }
        if (result instanceof AckParser.Refused refused) {
            metrics.rejected(refused.rejected().reason().name());
            metrics.ack("unknown", false);
            context.forward(new Record<>(record.key(), new TopologyOutput.Rejection(refused.rejected()),
                record.timestamp()));
            return;
        }
        Acknowledgement ack = ((AckParser.Accepted) result).ack();
        acks.put(StoreKeys.alert(ack.patientId(), ack.alertId()), ack);
        metrics.ack(ack.action().name(), true);
    }

    /**
     * Whether the alert is open for the patient: in the index of open alerts the forecasting processor keeps or,
     * for an alert opened before that index existed (a store written by an older Vitalcast), in the alert states of
     * one of the patient's series.
     */
    private boolean isOpen(Acknowledgement ack) {
        if (openAlerts.get(StoreKeys.alert(ack.patientId(), ack.alertId())) != null) {
            return true;
        }
        try (KeyValueIterator<SeriesKey, SeriesState> states = series.prefixScan(
            StoreKeys.patientPrefix(ack.patientId()), new StringSerializer())) {
            while (states.hasNext()) {
                if (states.next().value.alerts().isOpen(ack.alertId())) {
                    return true;
                }
            }
        }
        return false;
    }
}
