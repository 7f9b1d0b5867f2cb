package io.vitalcast.streaming;

import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.series.ForecastRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The forecaster's topics as {@link Topic}s: their names ({@link Topics}, from configuration) with the serdes of
 * what travels on them. Inputs are raw bytes, so that a record that is not a reading is rejected with its bytes
 * rather than failing deserialisation; every topic is keyed by patient id.
 *
 * @param readings  input readings
 * @param alertAcks acknowledgements of alerts
 * @param forecasts forecasts (written token by token, byte for byte the JSON data binding reads back)
 * @param alerts    alert events
 * @param rejected  rejected input records
 */
public record TopicDefinitions(Topic<String, byte[]> readings, Topic<String, byte[]> alertAcks,
                               Topic<String, ForecastRecord> forecasts, Topic<String, AlertEvent> alerts,
                               Topic<String, RejectedReading> rejected) {

    public static TopicDefinitions of(Topics names) {
        return of(names, ForecastFormat.JSON);
    }

    /** The topics, forecasts written in {@code format}. */
    public static TopicDefinitions of(Topics names, ForecastFormat format) {
        Serde<String> keys = Serdes.String();
        return new TopicDefinitions(new Topic<>(names.readings(), keys, Serdes.ByteArray()),
            new Topic<>(names.alertAcks(), keys, Serdes.ByteArray()),
            new Topic<>(names.forecasts(), keys, Serdes.serdeFrom(format == ForecastFormat.COMPACT
                ? new CompactForecastSerializer() : new ForecastRecordSerializer(),
                new JsonSerde<>(ForecastRecord.class).deserializer())),
            new Topic<>(names.alerts(), keys, new JsonSerde<>(AlertEvent.class)),
            new Topic<>(names.rejected(), keys, new JsonSerde<>(RejectedReading.class)));
    }
}
