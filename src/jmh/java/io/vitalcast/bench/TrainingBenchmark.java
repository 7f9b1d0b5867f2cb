package io.vitalcast.bench;

import java.util.concurrent.TimeUnit;

import io.vitalcast.model.Architecture;
import io.vitalcast.model.Initialization;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.training.AdamOptimizer;
import io.vitalcast.training.GradientClipping;
import io.vitalcast.training.MeanSquaredError;
import io.vitalcast.model.TrainingPass;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput in sequences per second: one operation is one sequence of a batch of 32 (forward, BPTT,
 * global-norm clipping, Adam update), single thread, double precision, univariate input, one output.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingBenchmark {
    static final int BATCH = 32;

    @Param({"32:64", "64:128"})
    public String hiddenAndWindow;

    private RecurrentNetwork network;
    private TrainingPass pass;
    private AdamOptimizer optimizer;
    private final GradientClipping clipping = GradientClipping.byNorm(1.0);
    private final MeanSquaredError loss = new MeanSquaredError();
    private double[][][] inputs;
    private double[][] target;
    private double[][] gradient;
    private double[][][] gradients;

    @Setup
    public void setUp() {
        String[] parts = hiddenAndWindow.split(":");
        int hidden = Integer.parseInt(parts[0]);
        int window = Integer.parseInt(parts[1]);
        network = RecurrentNetwork.create(Architecture.lstm(1, hidden, 1, 1), Initialization.defaults(), 1L);
        pass = network.newTrainingPass();
        optimizer = AdamOptimizer.defaults();
        Well19937c random = new Well19937c(2L);
        inputs = new double[BATCH][window][1];
        for (double[][] sequence : inputs) {
            for (double[] step : sequence) {
                step[0] = random.nextGaussian();
            }
        }
        target = new double[][] {{0.5}};
        gradient = new double[1][1];
        gradients = new double[BATCH][1][1];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double trainBatch() {
        pass.zeroGradients();
        double total = 0;
        for (double[][] sequence : inputs) {
            total += loss.valueAndGradient(pass.forward(sequence), target, 1.0 / BATCH, gradient);
            pass.backward(gradient);
        }
        clipping.apply(pass.gradients());
        optimizer.step(network.parameters(), pass.gradients(), 1e-3);
        return total;
    }

    /** The same update with the batch's sequences run together step by step, as {@code Trainer} runs it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double trainBatchTogether() {
        pass.zeroGradients();
        double total = 0;
        double[][][] outputs = pass.forwardBatch(inputs);
        for (int b = 0; b < BATCH; b++) {
            total += loss.valueAndGradient(outputs[b], target, 1.0 / BATCH, gradients[b]);
        }
        pass.backwardBatch(gradients, 0);
        clipping.apply(pass.gradients());
        optimizer.step(network.parameters(), pass.gradients(), 1e-3);
        return total;
    }
}
