package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.series.ForecastRecord;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class ForecastRecordSerializerTest {
    private final ForecastRecordSerializer serializer = new ForecastRecordSerializer();
    private final JsonSerde<ForecastRecord> dataBinding = new JsonSerde<>(ForecastRecord.class);

    private void assertSameBytesAsDataBinding(ForecastRecord forecast) {
        byte[] expected = dataBinding.serializer().serialize("t", forecast);
        byte[] actual = serializer.serialize("t", forecast);
        assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteTheSameJsonAsDataBindingForCalibratedAndUncalibratedForecasts() {
        Well19937c random = new Well19937c(3L);
        for (int i = 0; i < 200; i++) {
            List<ForecastRecord.ForecastPoint> points = new ArrayList<>();
            long time = 1_764_086_400_000L + random.nextInt(1_000_000) * 1000L + (i % 3 == 0 ? 123 : 0);
            for (int h = 1; h <= 10; h++) {
                double value = 60 + 40 * random.nextDouble();
                Double half = i % 4 == 0 ? null : random.nextDouble() * 5;
                points.add(new ForecastRecord.ForecastPoint(Instant.ofEpochMilli(time + h * 60_000L), value,
                    half == null ? null : value - half, half == null ? null : value + half));
            }
            assertSameBytesAsDataBinding(new ForecastRecord("p-" + i + (i % 5 == 0 ? "-ü\"\\" : ""), "heart_rate",
                "bpm", Instant.ofEpochMilli(time), i % 7 == 0 ? null : 60_000L,
                new ModelInfo("heart_rate-lstm", "2026-11-25T18:54:13.283051421Z", "lstm"), points,
                i % 4 == 0 ? null : 0.9));
        }
    }

    @Test
    void shouldWriteTheSameJsonAsDataBindingForEdgeValues() {
        List<ForecastRecord.ForecastPoint> points = List.of(
            new ForecastRecord.ForecastPoint(Instant.EPOCH, Double.NaN, Double.NEGATIVE_INFINITY, 1e300),
            new ForecastRecord.ForecastPoint(null, -0.0, 1e-7, null),
            new ForecastRecord.ForecastPoint(Instant.parse("2026-11-25T16:00:00.000000001Z"), 72, 70.0, 74.0));
        assertSameBytesAsDataBinding(new ForecastRecord(null, "rr_interval", null, null, null, null, points));
        assertSameBytesAsDataBinding(new ForecastRecord("p-1", "spo2", "%", Instant.EPOCH, 1000L,
            new ModelInfo("persistence", "builtin", "baseline"), List.of()));
    }
}
