package io.vitalcast.streaming;

/**
 * The Kafka topics Vitalcast reads and writes, declared once. Every record on them is keyed by patient id, so that a
 * consumer sees one patient's records in order.
 *
 * @param readings  input readings (JSON), single or waveform batches
 * @param forecasts one forecast per patient, signal and new step
 * @param alerts    alert events (open, update, resolved)
 * @param rejected  every input record that could not be used, with the reason and the original bytes
 */
public record Topics(String readings, String forecasts, String alerts, String rejected) {

    public Topics {
        for (String name : new String[] {readings, forecasts, alerts, rejected}) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }

    /** {@code vitals.readings}, {@code vitals.forecasts}, {@code vitals.alerts}, {@code vitals.rejected}. */
    public static Topics defaults() {
        return new Topics("vitals.readings", "vitals.forecasts", "vitals.alerts", "vitals.rejected");
    }

    /** All four names. */
    public java.util.List<String> all() {
        return java.util.List.of(readings, forecasts, alerts, rejected);
    }
}
