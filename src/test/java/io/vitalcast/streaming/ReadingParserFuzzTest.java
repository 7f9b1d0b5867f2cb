package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.vitalcast.series.SourceRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the reading parser with the records of {@link FuzzInputs} and with random mutations of them: whatever the
 * bytes, it must not throw, must give each record exactly its number of outcomes, and what it lets through must be
 * what Kafka Streams and the broker accept (times within the record timestamp range and the future limit, finite
 * values), and what it rejects must fit in a producer request.
 */
class ReadingParserFuzzTest {
    private static final long NOW = Instant.parse("2026-11-25T16:00:00Z").toEpochMilli();
    /** The producer's default max.request.size, which a rejection must stay well within. */
    private static final int MAX_REQUEST_BYTES = 1_048_576;
    private static final JsonSerde<RejectedReading> REJECTIONS = new JsonSerde<>(RejectedReading.class);

    private final ReadingParser parser = new ReadingParser(TestSettings.standard().signals());

    @Property
    void shouldGiveEveryRecordExactlyItsOutcomes(@ForAll("readings") FuzzInputs.FuzzRecord record) {
        List<ParseResult> results = parse(record.key(), record.bytes().apply(NOW));

        assertThat(results).as(record.toString()).hasSize(record.outcomes());
        assertAcceptable(record.key(), results);
        Statistics.label("outcome").collect(results.stream().anyMatch(r -> !r.isRejected())
            ? "some used" : results.get(0).rejected().reason().name());
    }

    @Property
    void shouldNeverThrowOnMutatedRecords(@ForAll("mutated") Mutated mutated) {
        List<ParseResult> results = parse(mutated.key(), mutated.bytes());

        assertThat(results).as(mutated.toString()).isNotEmpty();
        assertAcceptable(mutated.key(), results);
    }

    @Property
    void shouldNeverThrowOnArbitraryText(@ForAll String text, @ForAll("keys") String key) {
        List<ParseResult> results = parse(key, text.getBytes(StandardCharsets.UTF_8));

        assertThat(results).hasSize(1);
        assertAcceptable(key, results);
    }

    /** A record with random bytes flipped, inserted or cut out. */
    record Mutated(String key, byte[] bytes, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Provide
    Arbitrary<FuzzInputs.FuzzRecord> readings() {
        return FuzzInputs.readings();
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("p-1", "", "\u0000");
    }

    @Provide
    Arbitrary<Mutated> mutated() {
        return Combinators.combine(FuzzInputs.readings(), Arbitraries.integers().between(1, 8).list().ofSize(3),
            Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(8), Arbitraries.doubles().between(0, 1).list()
                .ofMinSize(1).ofMaxSize(8))
            .as((record, kinds, bytes, places) -> {
                byte[] value = record.bytes().apply(NOW);
                if (value == null) {
                    value = new byte[0];
                }
                StringBuilder what = new StringBuilder(record.toString());
                for (int i = 0; i < places.size(); i++) {
                    int at = (int) Math.floor(places.get(i) * value.length);
                    byte b = bytes.get(i % bytes.size());
                    int kind = kinds.get(i % kinds.size());
                    if (kind <= 4 && value.length > 0) {
                        value = value.clone();
                        value[Math.min(at, value.length - 1)] ^= (byte) (1 << (b & 7));
                        what.append(", bit flipped at ").append(at);
                    } else if (kind <= 6) {
                        byte[] longer = new byte[value.length + 1];
                        System.arraycopy(value, 0, longer, 0, at);
                        longer[at] = b;
                        System.arraycopy(value, at, longer, at + 1, value.length - at);
                        value = longer;
                        what.append(", byte ").append(b).append(" inserted at ").append(at);
                    } else if (value.length > 0) {
                        int cut = Math.min(at, value.length - 1);
                        byte[] shorter = new byte[value.length - 1];
                        System.arraycopy(value, 0, shorter, 0, cut);
                        System.arraycopy(value, cut + 1, shorter, cut, value.length - cut - 1);
                        value = shorter;
                        what.append(", byte cut at ").append(cut);
                    }
                }
                return new Mutated(record.key(), value, what.toString());
            });
    }

    private List<ParseResult> parse(String key, byte[] value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return parser.parse(key, new SourceRecord("vitals.readings", 0, 42, NOW, keyBytes, value), NOW, 0);
    }

    private static void assertAcceptable(String key, List<ParseResult> results) {
        for (ParseResult result : results) {
            if (result.isRejected()) {
                byte[] json = REJECTIONS.serializer().serialize("vitals.rejected", result.rejected());
                assertThat(json.length).as("a rejection's size").isLessThan(MAX_REQUEST_BYTES / 2);
                assertThat(result.rejected().reason()).isNotEqualTo(RejectReason.PROCESSING_ERROR);
            } else {
                ReadingEvent reading = result.reading();
                assertThat(reading.timestampMs()).as("a used reading's time").isPositive()
                    .isLessThanOrEqualTo(ReadingParser.LATEST_TIME_MS)
                    .isLessThanOrEqualTo(NOW + InputLimits.DEFAULT.maxFuture().toMillis());
                assertThat(reading.value()).as("a used reading's value").isFinite();
                assertThat(reading.patientId()).isEqualTo(key);
                assertThat(TestSettings.standard().signals()).containsKey(reading.signal());
            }
        }
    }
}
