package io.vitalcast.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.vitalcast.forecasting.LstmForecaster;
import io.vitalcast.forecasting.StatefulLstmForecaster;
import io.vitalcast.modelfile.ModelFile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The model's cost per reading as the streaming processor pays it, with the heart-rate models (32 hidden units,
 * horizon 10, AR(8) base): the stateful model advances its stored state by one step and forecasts (state restored
 * from and written back to the array the store keeps); the window model re-runs its 30-step window.
 * Run from the repository root (it reads {@code samples/models} and the window model kept in the test resources).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForecasterStepBenchmark {
    private StatefulLstmForecaster stateful;
    private LstmForecaster window;
    private double[] state;
    private double[] lastValues;
    private double[] history;
    private int step;

    @Setup
    public void setUp() {
        stateful = StatefulLstmForecaster.of(ModelFile.read(Path.of("samples", "models", "heart_rate.json")));
        window = LstmForecaster.of(ModelFile.read(
            Path.of("src", "test", "resources", "io", "vitalcast", "streaming", "heart_rate-window.json")));
        history = new double[window.window()];
        for (int t = 0; t < history.length; t++) {
            history[t] = 72 + 5 * Math.sin(t / 5.0);
        }
        lastValues = Arrays.copyOfRange(history, history.length - stateful.memory(), history.length);
        for (int t = 0; t < history.length; t++) {
            state = stateful.advance(state, t == 0 ? Double.NaN : history[t - 1], history[t]);
        }
    }

    @Benchmark
    public double[] statefulStep() {
        double value = 72 + 5 * Math.sin(step++ / 5.0);
        state = stateful.advance(state, lastValues[lastValues.length - 1], value);
        System.arraycopy(lastValues, 1, lastValues, 0, lastValues.length - 1);
        lastValues[lastValues.length - 1] = value;
        return stateful.forecast(state, lastValues);
    }

    @Benchmark
    public double[] windowForecast() {
        return window.forecast(history, window.horizon());
    }
}
