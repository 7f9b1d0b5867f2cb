package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    /** What {@link IsoInstants#write} writes, or null when it leaves the instant to {@link Instant#toString()}. */
    private static String written(Instant instant) {
        char[] text = new char[IsoInstants.MAX_LENGTH];
        int length = IsoInstants.write(instant, text);
        return length < 0 ? null : new String(text, 0, length);
    }

    @Test
    void shouldWriteEveryWholeMillisecondFrom1970To9999AsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long ms = random.nextLong(0, 253_402_300_800_000L);
            Instant instant = Instant.ofEpochMilli(i % 3 == 0 ? ms - ms % 1000 : ms);
            assertThat(written(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void shouldWriteTheEdgesOfTheFastRangeAsInstantToStringDoes() {
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.ofEpochMilli(1),
            Instant.parse("2000-02-29T23:59:59.999Z"), Instant.parse("2100-03-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999Z")}) {
            assertThat(written(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void shouldLeaveEveryOtherInstantToInstantToString() {
        for (Instant instant : new Instant[] {Instant.ofEpochMilli(-1), Instant.parse("1969-12-31T23:59:59Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2026-11-25T08:00:00.000500Z"),
            Instant.parse("2026-11-25T08:00:00.123456789Z")}) {
            assertThat(written(instant)).as(instant.toString()).isNull();
        }
    }
}
