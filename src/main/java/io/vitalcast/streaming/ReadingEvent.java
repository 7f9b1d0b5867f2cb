package io.vitalcast.streaming;

import io.vitalcast.series.SourceRecord;

/**
 * One validated reading on its way through the topology, with its origin.
 *
 * @param patientId   patient
 * @param signal      signal name
 * @param timestampMs event time (epoch ms)
 * @param value       value in the signal's unit
 * @param source      the input record it came from
 */
public record ReadingEvent(String patientId, String signal, long timestampMs, double value, SourceRecord source) {
}
