package io.vitalcast.streaming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.series.ForecastRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing one forecast record (ten one-minute points with intervals) in each format of the forecasts topic, which
 * the stream does at every step of every series; in this package because the serializers are its own.
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.args="ForecastSerializerBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecastSerializerBenchmark {
    private final ForecastRecordSerializer json = new ForecastRecordSerializer();
    private final CompactForecastSerializer compact = new CompactForecastSerializer();
    private final ForecastRecord forecast = forecast();

    private static ForecastRecord forecast() {
        Instant last = Instant.parse("2026-11-25T08:00:00Z");
        List<ForecastRecord.ForecastPoint> points = new ArrayList<>();
        for (int h = 1; h <= 10; h++) {
            double value = 78.25 + 0.37 * h;
            points.add(new ForecastRecord.ForecastPoint(last.plusSeconds(60L * h), value, value - 2.5 - 0.3 * h,
                value + 2.5 + 0.3 * h));
        }
        return new ForecastRecord("p-00017", "heart_rate", "bpm", last, 60_000L,
            new ModelInfo("heart_rate-lstm", "2026-11-25T20:51:09Z", "lstm"), points, 0.9);
    }

    @Benchmark
    public byte[] json() {
        return json.serialize("vitals.forecasts", forecast);
    }

    @Benchmark
    public byte[] compact() {
        return compact.serialize("vitals.forecasts", forecast);
    }
}
