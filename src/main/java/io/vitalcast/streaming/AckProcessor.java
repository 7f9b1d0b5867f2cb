package io.vitalcast.streaming;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.alerting.Severity;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.SeriesState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Second step of an acknowledgement, in the task of its patient (after the acks-by-patient repartition): accepts it
 * only for an alert open in one of the patient's series, writes it to the
 * acknowledgements store that {@link ForecastProcessor} consults (keyed by patient id and alert id,
 * {@link StoreKeys#alert}), and publishes an {@code ACKNOWLEDGED} or {@code SNOOZED} event of the alert so that
 * consumers of the alerts topic see it; an acknowledgement of an alert not open for the patient is rejected as
 * {@code UNKNOWN_ALERT}. It shares the series-state store with the series processor, which puts both in one
 * sub-topology.
 */
final class AckProcessor implements Processor<String, RoutedAck, String, TopologyOutput> {
    static final String STORE = "alert-acks";

    private final Map<String, SignalSpec> signals;
    private final int maxOriginalBytes;
    private final VitalcastMetrics metrics;
    private ProcessorContext<String, TopologyOutput> context;
    private KeyValueStore<String, Acknowledgement> acks;
    private KeyValueStore<SeriesKey, SeriesState> series;

    AckProcessor(Map<String, SignalSpec> signals, InputLimits limits, VitalcastMetrics metrics) {
        this.signals = signals;
        this.maxOriginalBytes = limits.maxOriginalBytes();
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, TopologyOutput> context) {
        this.context = context;
        this.acks = context.getStateStore(STORE);
        this.series = context.getStateStore(ForecastProcessor.STORE);
    }

    @Override
    public void process(Record<String, RoutedAck> record) {
        RoutedAck routed = record.value();
        Acknowledgement ack = routed.ack();
        long now = context.currentSystemTimeMs();
        Optional<AlertEvent> event = event(ack, now);
        if (event.isEmpty()) {
            metrics.rejected(RejectReason.UNKNOWN_ALERT.name());
            metrics.ack("unknown", false);
            context.forward(new Record<>(ack.patientId(), new TopologyOutput.Rejection(RejectedReading.of(
                RejectReason.UNKNOWN_ALERT, "alert " + ack.alertId() + " is not open for this patient",
                ack.patientId(), null, routed.source(), maxOriginalBytes)), now));
            return;
        }
        acks.put(StoreKeys.alert(ack.patientId(), ack.alertId()), ack);
        metrics.ack(ack.action().name(), true);
        context.forward(new Record<>(ack.patientId(), new TopologyOutput.Alert(event.get()), now));
    }

    /**
     * The event that tells the alert's consumers it was acknowledged or snoozed, from the one of the patient's
     * series that has it open (a prefix scan over the patient's few series), or empty when none has.
     */
    private Optional<AlertEvent> event(Acknowledgement ack, long nowMs) {
        try (KeyValueIterator<SeriesKey, SeriesState> states = series.prefixScan(
            StoreKeys.patientPrefix(ack.patientId()), new StringSerializer())) {
            while (states.hasNext()) {
                KeyValue<SeriesKey, SeriesState> entry = states.next();
                for (Map.Entry<AlertKind, AlertStatus> alert : entry.value.alerts().active().entrySet()) {
                    if (ack.alertId().equals(alert.getValue().alertId())) {
                        return Optional.of(event(ack, entry.key.signal(), alert.getKey(), alert.getValue().severity(),
                            nowMs));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private AlertEvent event(Acknowledgement ack, String signal, AlertKind kind, Severity severity, long nowMs) {
        boolean snooze = ack.action() == Acknowledgement.Action.SNOOZE;
        String by = ack.by() == null ? "" : " by " + ack.by();
        String message = snooze ? "Snoozed until " + Instant.ofEpochMilli(ack.untilMs()) + by : "Acknowledged" + by;
        SignalSpec spec = signals.get(signal);
        return new AlertEvent(ack.alertId(), ack.patientId(), signal, kind, severity,
            snooze ? AlertState.SNOOZED : AlertState.ACKNOWLEDGED, Instant.ofEpochMilli(nowMs), null, null, null,
            null, null, spec == null ? null : spec.unit(), message, null, null);
    }
}
