package io.vitalcast.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vitalcast.config.Setting;
import io.vitalcast.config.VitalcastConfig;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.series.OnlineLearning;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SeriesUpdater;
import io.vitalcast.series.StepValue;
import io.vitalcast.streaming.SeriesStateSerde;
import io.vitalcast.streaming.StreamingSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The forecasting processor's own work per step, without Kafka, so that a change to it can be measured apart from
 * the broker and the clients (which dominate {@link StreamsThroughputHarness}): one heart-rate step through
 * {@link SeriesUpdater} with the persistence baseline (horizon 10) and the product's default settings, the state
 * read from and written back to bytes with {@link SeriesStateSerde} as the store does. The readings stay within
 * the clinical limits, so no alert event is emitted, as on most steps of a real stream. The bytes written per step
 * are printed at the end of each iteration set. Run with and without the series' online learning.
 * <pre>
 * mvn -Pbench test-compile exec:exec -Dbench.args="SeriesStepBenchmark"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SeriesStepBenchmark {
    private static final String SIGNAL = "heart_rate";

    /** Whether each series learns online (interval calibration and forecast adaptation) or runs the model as it is. */
    @Param({"false", "true"})
    public boolean online;

    private final SeriesStateSerde serde = new SeriesStateSerde();
    private SeriesUpdater updater;
    private SignalSpec spec;
    private OnlineModel model;
    private long stepMs;
    private long step;
    private byte[] stored;

    @Setup
    public void setUp() {
        StreamingSettings settings = VitalcastConfig.load(null, Map.of(),
            List.of(new Setting("bootstrap.servers", "localhost:9092", "bench"))).toStreamingSettings();
        updater = new SeriesUpdater(settings.alerting(), online ? OnlineLearning.DEFAULT : OnlineLearning.OFF);
        spec = settings.signals().get(SIGNAL);
        model = ModelRegistry.baselines().modelOf(SIGNAL);
        stepMs = spec.step().toMillis();
        stored = serde.serializer().serialize("", SeriesState.empty());
        for (int i = 0; i < 100; i++) {
            step();
        }
    }

    @Benchmark
    public byte[] step() {
        SeriesState state = serde.deserializer().deserialize("", stored);
        double value = 72 + 5 * Math.sin(step / 5.0) + ((step * 7919) % 13) / 13.0;
        SeriesUpdater.Update update = updater.apply(state, new StepValue("p-1", SIGNAL, step * stepMs, value, 1,
            null), spec, model);
        step++;
        stored = serde.serializer().serialize("", update.state());
        return stored;
    }

    @TearDown
    public void printStateSize() {
        System.out.printf(Locale.ROOT, "%nseries state: %d bytes per step%n", stored.length);
    }
}
