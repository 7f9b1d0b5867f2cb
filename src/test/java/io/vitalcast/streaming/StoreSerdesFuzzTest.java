package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.PatientAlertBudget;
import io.vitalcast.backtest.TopologySession;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.OpenSteps;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SourceRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Fuzzes the serde of every state store (and of the internal topics) with random bytes, truncations and bit flips of
 * what it wrote: a corrupt store entry or changelog record must be refused with a {@link SerializationException},
 * which Kafka Streams and the service handle, never with another exception, a huge allocation or a silently wrong
 * value from a truncated one. The stored values that seed the mutations are real: the series states, budgets and
 * acknowledgements the production topology stored for a few patients, alerts included.
 */
class StoreSerdesFuzzTest {
    private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
    private static final List<Seed> SEEDS = new ArrayList<>();

    /**
     * What one store serde wrote.
     *
     * @param serde  the serde, as the store uses it
     * @param bytes  one value it wrote
     * @param binary whether every truncation of its bytes must be refused (the binary layouts and JSON), or may
     *               read as another value (a key's text)
     */
    @SuppressWarnings("rawtypes")
    record Seed(String store, Serde serde, byte[] bytes, boolean binary) {
        @Override
        public String toString() {
            return store + " value of " + bytes.length + " bytes";
        }
    }

    @BeforeContainer
    static void recordStoredValues() {
        SEEDS.clear();
        try (TopologySession session = TopologySession.openTemporary(TestSettings.standard(),
            ModelRegistry.load(null, TestSettings.standard().signals()),
            new VitalcastMetrics(new SimpleMeterRegistry(), java.util.Set.of()))) {
            for (int s = 0; s < 120; s++) {
                Instant time = T0.plusSeconds(s);
                for (String patient : List.of("p-1", "p|2", "患者-3")) {
                    double heartRate = s % 40 < 30 ? 70 + s % 7 : 150 + s % 5;
                    session.pipeReading(patient, TestJson.bytes(TestJson.reading(patient, "heart_rate", time,
                        heartRate)), time);
                    if (s % 3 == 0) {
                        session.pipeReading(patient, TestJson.bytes(TestJson.reading(patient, "spo2", time,
                            s % 50 < 40 ? 97 : 85)), time);
                    }
                }
                for (JsonNode alert : TestJson.trees(session.alerts().readValuesToList())) {
                    String patient = alert.get("patientId").asText();
                    session.pipeAck(patient, TestJson.bytes(TestJson.ack(alert.get("alertId").asText(), patient,
                        "ACK")), time);
                }
            }
            assertThat(session.keyValueStore(ForecastProcessor.STORE).approximateNumEntries()).isPositive();
            record(session.keyValueStore(ForecastProcessor.STORE), "series-state", new SeriesStateSerde(),
                new SeriesKeySerde());
            record(session.keyValueStore(ForecastProcessor.STEPS_STORE), "series-steps", new OpenStepsSerde(), null);
            record(session.keyValueStore(AckProcessor.STORE), "alert-acks", new JsonSerde<>(Acknowledgement.class),
                null);
            record(session.keyValueStore(ForecastProcessor.BUDGET_STORE), "alert-budget",
                new JsonSerde<>(PatientAlertBudget.class), null);
        }
        SEEDS.add(new Seed("series-state (version 2)", new SeriesStateSerde(),
            SeriesStateSerdeTest.VERSION_2_STATEFUL, true));
        SEEDS.add(new Seed("series-steps (none)", new OpenStepsSerde(), OpenStepsSerde.write(OpenSteps.NONE), true));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void record(KeyValueStore<K, V> store, String name, Serde<V> values, Serde<K> keys) {
        try (KeyValueIterator<K, V> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<K, V> entry = all.next();
                SEEDS.add(new Seed(name, values, values.serializer().serialize("t", entry.value), true));
                if (keys != null) {
                    SEEDS.add(new Seed(name + " key", keys, keys.serializer().serialize("t", entry.key), false));
                }
            }
        }
    }

    @Property(tries = 50)
    @SuppressWarnings("unchecked")
    void shouldReadBackExactlyWhatItWrote(@ForAll("seeds") Seed seed) {
        Object read = seed.serde().deserializer().deserialize("t", seed.bytes());

        if (!seed.store().contains("version 2")) {
            assertThat(seed.serde().serializer().serialize("t", read)).isEqualTo(seed.bytes());
        }
    }

    @Property
    void shouldRefuseATruncatedValue(@ForAll("seeds") Seed seed, @ForAll double where) {
        int length = (int) Math.floor(Math.abs(where) % 1 * seed.bytes().length);
        byte[] truncated = Arrays.copyOf(seed.bytes(), length);

        if (seed.binary()) {
            assertThatThrownBy(() -> seed.serde().deserializer().deserialize("t", truncated))
                .as("%s cut to %d bytes", seed, length).isInstanceOf(SerializationException.class);
        } else {
            readsOrRefuses(seed.serde(), truncated, seed + " cut to " + length);
        }
    }

    @Property
    void shouldReadOrRefuseACorruptValue(@ForAll("corrupted") Corrupted corrupted) {
        readsOrRefuses(corrupted.seed().serde(), corrupted.bytes(), corrupted.toString());
    }

    @Property
    void shouldReadOrRefuseRandomBytes(@ForAll("seeds") Seed seed, @ForAll byte[] bytes) {
        readsOrRefuses(seed.serde(), bytes, seed.store() + " given " + bytes.length + " random bytes");
    }

    @Property(tries = 20)
    void shouldReadBackEveryOpenSteps(@ForAll("openSteps") OpenSteps steps) {
        OpenSteps read = OpenStepsSerde.read(OpenStepsSerde.write(steps));

        assertThat(OpenStepsSerde.write(read)).isEqualTo(OpenStepsSerde.write(steps));
    }

    @Property(tries = 20)
    void shouldReadBackEverySeriesKey(@ForAll("ids") String patient, @ForAll("ids") String signal) {
        SeriesKeySerde serde = new SeriesKeySerde();
        SeriesKey key = new SeriesKey(patient, signal);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", key))).isEqualTo(key);
    }

    /** A stored value with bytes flipped at random places. */
    record Corrupted(Seed seed, byte[] bytes, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Provide
    Arbitrary<Seed> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<Corrupted> corrupted() {
        return Combinators.combine(seeds(), Arbitraries.doubles().between(0, 1).list().ofMinSize(1).ofMaxSize(6),
            Arbitraries.bytes().filter(b -> b != 0)).as((seed, places, mask) -> {
                byte[] bytes = seed.bytes().clone();
                List<Integer> at = new ArrayList<>();
                for (double place : places) {
                    int i = Math.min(bytes.length - 1, (int) Math.floor(place * bytes.length));
                    bytes[i] ^= mask;
                    at.add(i);
                }
                return new Corrupted(seed, bytes, seed + " xor " + mask + " at " + at);
            });
    }

    @Provide
    Arbitrary<OpenSteps> openSteps() {
        Arbitrary<SourceRecord> sources = Combinators.combine(ids(), Arbitraries.integers().between(0, 1000),
            Arbitraries.longs(), Arbitraries.longs())
            .as((topic, partition, offset, time) -> new SourceRecord(topic, partition, offset, time, null, null));
        Arbitrary<OpenSteps.OpenStep> steps = Combinators.combine(Arbitraries.longs(), Arbitraries.doubles(),
            Arbitraries.integers().greaterOrEqual(1), sources).as(OpenSteps.OpenStep::new);
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
            steps.list().ofMaxSize(4)).as(OpenSteps::new);
    }

    /**
     * Ids as they reach a store: any Unicode text, but not lone surrogates, which a record key (UTF-8 bytes) cannot
     * carry, so that a reading whose JSON escapes one is rejected as {@code KEY_MISMATCH} before any store.
     */
    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40).filter(StoreSerdesFuzzTest::isUnicode),
            Arbitraries.of("p-1", "a|b", "back\\slash", "|", "\\", "\\|", "患者"));
    }

    private static boolean isUnicode(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.StandardCharsets.UTF_8).equals(text);
    }

    @SuppressWarnings("rawtypes")
    private static void readsOrRefuses(Serde serde, byte[] bytes, String what) {
        Throwable thrown = catchThrowable(() -> serde.deserializer().deserialize("t", bytes));
        if (thrown != null) {
            assertThat(thrown).as(what).isInstanceOf(SerializationException.class);
        }
    }
}
