package io.vitalcast.bench;

import java.util.concurrent.TimeUnit;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.model.RecurrentState;
import org.apache.commons.math3.random.Well19937c;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Inference latency: a forecast over a whole window from the zero state, and one stateful step (what a stream does
 * per reading), for a 10-step horizon head.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InferenceBenchmark {

    @Param({"32:64", "64:128"})
    public String hiddenAndWindow;

    private RecurrentNetwork network;
    private RecurrentState state;
    private double[][] window;
    private final double[] input = {0.3};

    @Setup
    public void setUp() {
        String[] parts = hiddenAndWindow.split(":");
        int hidden = Integer.parseInt(parts[0]);
        int length = Integer.parseInt(parts[1]);
        network = RecurrentNetwork.create(Architecture.lstm(1, hidden, 1, 10), Initialization.defaults(), 1L);
        state = network.newState();
        Well19937c random = new Well19937c(3L);
        window = new double[length][1];
        for (double[] step : window) {
            step[0] = random.nextGaussian();
        }
    }

    @Benchmark
    public double[] windowForecast() {
        return network.predict(window);
    }

    @Benchmark
    public double[] singleStep() {
        return network.step(state, input);
    }
}
