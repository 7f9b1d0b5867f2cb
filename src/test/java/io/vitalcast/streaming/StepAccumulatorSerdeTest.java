package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.vitalcast.series.SourceRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StepAccumulatorSerdeTest {
    private final StepAccumulatorSerde serde = new StepAccumulatorSerde();

    private StepAccumulator roundTrip(StepAccumulator accumulator) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", accumulator));
    }

    @Test
    void shouldRoundTripEveryFieldWithoutTheSourceBytes() {
        StepAccumulator accumulator = StepAccumulator.empty()
            .add(new ReadingEvent("p-ü17", "heart_rate", 1000L, 72.5, new SourceRecord("vitals.readings", 3, 42L,
                999L, "p-ü17".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2})))
            .add(new ReadingEvent("p-ü17", "heart_rate", 2000L, 70.25, new SourceRecord("vitals.readings", 3, 43L,
                1999L, null, null)));

        StepAccumulator read = roundTrip(accumulator);

        assertThat(read).isEqualTo(new StepAccumulator("p-ü17", "heart_rate", 142.75, 2,
            new SourceRecord("vitals.readings", 3, 43L, 1999L, null, null)));
    }

    @Test
    void shouldRoundTripTheEmptyAccumulator() {
        assertThat(roundTrip(StepAccumulator.empty())).isEqualTo(StepAccumulator.empty());
    }

    @Test
    void shouldBeSmallerThanTheJsonOfTheSameAccumulator() {
        StepAccumulator accumulator = new StepAccumulator("bench-00017", "heart_rate", 155.25, 2,
            new SourceRecord("vitals.readings", 3, 123_456L, 1_764_057_600_000L, null, null));

        byte[] binary = serde.serializer().serialize("t", accumulator);
        byte[] json = new JsonSerde<>(StepAccumulator.class).serializer().serialize("t", accumulator);

        assertThat(binary.length).isLessThan(json.length / 2);
    }

    @Test
    void shouldReadTheJsonAccumulatorsOfEarlierChangelogs() {
        StepAccumulator accumulator = new StepAccumulator("p-1", "spo2", 97.0, 1,
            new SourceRecord("vitals.readings", 0, 7L, 60_000L, null, null));
        byte[] json = new JsonSerde<>(StepAccumulator.class).serializer().serialize("t", accumulator);

        assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(accumulator);
    }

    @Test
    void shouldRefuseAnUnknownVersionAndTruncatedBytes() {
        byte[] bytes = serde.serializer().serialize("t", new StepAccumulator("p-1", "spo2", 97.0, 1, null));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 3);
        bytes[0] = 9;

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes))
            .isInstanceOf(SerializationException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
            .isInstanceOf(SerializationException.class);
    }
}
