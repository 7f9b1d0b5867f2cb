package io.vitalcast.app;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalcast.streaming.TestJson;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Readings in the input format, and the identity of a forecast, for the broker tests of the guarantees. */
final class TestReadings {
    /**
     * Midnight UTC of the day before the run: the crash test writes hours of event time, and the broker refuses
     * timestamps more than an hour ahead of its clock, so a fixed date would fail on an earlier clock.
     */
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
    static final long MINUTE_MS = 60_000;

    private TestReadings() {
    }

    static List<String> patients(int count) {
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            patients.add(String.format(Locale.ROOT, "p-%03d", i));
        }
        return patients;
    }

    static long minute(int minute) {
        return START.toEpochMilli() + minute * MINUTE_MS;
    }

    /**
     * A reading per patient and signal two hours after minute {@code after}: it closes every earlier window and
     * never forecasts.
     */
    static List<ProducerRecord<String, String>> finalReadings(String topic, List<String> patients,
                                                              List<String> signals, int after) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String patient : patients) {
            for (String signal : signals) {
                records.add(reading(topic, patient, signal, minute(after + 120), 75, null));
            }
        }
        return records;
    }

    static ProducerRecord<String, String> reading(String topic, String patient, String signal, long timeMs,
                                                  double value, String unit) {
        return new ProducerRecord<>(topic, null, timeMs, patient, json(patient, signal, timeMs, value, unit));
    }

    static String json(String patient, String signal, long timeMs, double value, String unit) {
        return TestJson.text(TestJson.reading(patient, signal, Instant.ofEpochMilli(timeMs), value, unit));
    }

    /** Patient, signal and step of a forecast: what must be on the forecasts topic exactly once. */
    static String forecastId(JsonNode forecast) {
        return stepId(forecast.get("patientId").asText(), forecast.get("signal").asText(),
            Instant.parse(forecast.get("lastStepTime").asText()));
    }

    static String stepId(String patient, String signal, Instant step) {
        return patient + "|" + signal + "|" + step;
    }
}
