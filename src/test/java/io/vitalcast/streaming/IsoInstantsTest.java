package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void shouldWriteEveryInstantAsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long ms = random.nextLong(-5_000_000_000_000L, 300_000_000_000_000L);
            Instant whole = Instant.ofEpochMilli(i % 3 == 0 ? ms - Math.floorMod(ms, 1000) : ms);
            assertThat(IsoInstants.format(whole)).isEqualTo(whole.toString());
        }
    }

    @Test
    void shouldWriteTheEdgesOfTheFastRangeAndFinerFractionsAsInstantToStringDoes() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.ofEpochMilli(1),
            Instant.parse("2000-02-29T23:59:59.999Z"), Instant.parse("2100-03-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("2026-11-25T08:00:00.000500Z"), Instant.parse("2026-11-25T08:00:00.123456789Z"),
            Instant.parse("1969-12-31T23:59:59Z")}) {
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
        }
    }
}
