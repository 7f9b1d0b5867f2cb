package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.vitalcast.series.SourceRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the acknowledgement parser with well-formed, odd, truncated and garbage acknowledgements: it must never
 * throw, and what it accepts must be keyed by its patient and carry ids within the limits, what it refuses must fit
 * in a producer request.
 */
class AckParserFuzzTest {
    private static final long NOW = Instant.parse("2026-11-25T16:00:00Z").toEpochMilli();
    private static final JsonSerde<RejectedReading> REJECTIONS = new JsonSerde<>(RejectedReading.class);

    private final AckParser parser = new AckParser(InputLimits.DEFAULT);

    @Property
    void shouldAcceptOrRefuseEveryAcknowledgement(@ForAll("acknowledgements") FuzzInputs.FuzzRecord record) {
        check(record.key(), record.bytes().apply(NOW), record.toString());
    }

    @Property
    void shouldAcceptOrRefuseArbitraryBytes(@ForAll byte[] bytes, @ForAll("keys") String key) {
        check(key, bytes, bytes.length + " random bytes");
    }

    @Provide
    Arbitrary<FuzzInputs.FuzzRecord> acknowledgements() {
        return FuzzInputs.acknowledgements();
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("p-1", "", "\u0000").injectNull(0.2);
    }

    private void check(String key, byte[] value, String what) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        AckParser.Result result = parser.parse(key, new SourceRecord("vitals.alert-acks", 0, 7, NOW, keyBytes,
            value));

        if (result instanceof AckParser.Accepted accepted) {
            assertThat(accepted.ack().patientId()).as(what).isEqualTo(key);
            assertThat(accepted.ack().alertId()).as(what).isNotBlank()
                .hasSizeLessThanOrEqualTo(InputLimits.DEFAULT.maxIdLength());
        } else {
            RejectedReading rejected = ((AckParser.Refused) result).rejected();
            assertThat(REJECTIONS.serializer().serialize("t", rejected).length).as(what).isLessThan(524_288);
        }
    }
}
