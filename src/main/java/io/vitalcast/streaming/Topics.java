package io.vitalcast.streaming;

/**
 * The Kafka topics Vitalcast reads and writes, declared once. Every record on them is keyed by patient id, so that a
 * consumer sees one patient's records in order, and the acknowledgements are co-partitioned with the readings.
 *
 * @param readings  input readings (JSON), single or waveform batches
 * @param forecasts one forecast per patient, signal and new step
 * @param alerts    alert events (open, update, resolved)
 * @param rejected  every input record that could not be used, with the reason and the original bytes
 * @param alertAcks acknowledgements and snoozes of alerts (JSON) from clinician systems
 */
public record Topics(String readings, String forecasts, String alerts, String rejected, String alertAcks) {
    public static final String DEFAULT_ALERT_ACKS = "vitals.alert-acks";

    public Topics {
        for (String name : new String[] {readings, forecasts, alerts, rejected, alertAcks}) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("topic names must not be blank");
            }
        }
    }

    /** The four data topics, with the default acknowledgements topic. */
    public Topics(String readings, String forecasts, String alerts, String rejected) {
        this(readings, forecasts, alerts, rejected, DEFAULT_ALERT_ACKS);
    }

    /**
     * {@code vitals.readings}, {@code vitals.forecasts}, {@code vitals.alerts}, {@code vitals.rejected},
     * {@code vitals.alert-acks}.
     */
    public static Topics defaults() {
        return new Topics("vitals.readings", "vitals.forecasts", "vitals.alerts", "vitals.rejected",
            DEFAULT_ALERT_ACKS);
    }

    /** All names. */
    public java.util.List<String> all() {
        return java.util.List.of(readings, forecasts, alerts, rejected, alertAcks);
    }
}
