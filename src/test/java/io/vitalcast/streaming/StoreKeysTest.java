package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.vitalcast.data.SeriesKey;
import org.junit.jupiter.api.Test;

class StoreKeysTest {
    private final SeriesKeySerde serde = new SeriesKeySerde();

    @Test
    void shouldKeepTheKeysOfOrdinaryIdsAsTheyWereStored() {
        assertThat(StoreKeys.series(new SeriesKey("p-017", "heart_rate"))).isEqualTo("p-017|heart_rate");
        assertThat(StoreKeys.alert("p-017", "0f0c-1")).isEqualTo("p-017|0f0c-1");
        assertThat(StoreKeys.patientPrefix("p-017")).isEqualTo("p-017|");
    }

    @Test
    void shouldNotLetAPatientIdWithABarCollideWithAnotherSeries() {
        SeriesKey barInPatient = new SeriesKey("a|b", "c");
        SeriesKey barInSignal = new SeriesKey("a", "b|c");

        assertThat(StoreKeys.series(barInPatient)).isNotEqualTo(StoreKeys.series(barInSignal));
        assertThat(StoreKeys.series(barInPatient)).doesNotStartWith(StoreKeys.patientPrefix("a"));
        assertThat(StoreKeys.series(barInSignal)).startsWith(StoreKeys.patientPrefix("a"));
        assertThat(StoreKeys.alert("a|b", "c")).isNotEqualTo(StoreKeys.alert("a", "b|c"));
    }

    @Test
    void shouldReadBackEverySeriesKeyItWrites() {
        for (SeriesKey key : new SeriesKey[] {new SeriesKey("p-1", "spo2"), new SeriesKey("a|b", "c"),
            new SeriesKey("a\\", "|"), new SeriesKey("", ""), new SeriesKey("\u00e9\\|\\", "x\\y")}) {
            byte[] bytes = serde.serializer().serialize("t", key);

            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(key);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith(StoreKeys.patientPrefix(key.patientId()));
        }
    }
}
