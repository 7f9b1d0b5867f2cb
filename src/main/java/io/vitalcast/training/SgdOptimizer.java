package io.vitalcast.training;

import java.util.List;

import io.vitalcast.model.Gradients;
import io.vitalcast.model.Parameter;

/**
 * Stochastic gradient descent with (heavy-ball) momentum: {@code v = mu * v - lr * g; w += v}. With momentum 0 it
 * is plain SGD.
 */
public final class SgdOptimizer implements Optimizer {
    private final double momentum;
    private double[][][] velocity;

    public SgdOptimizer(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public void step(List<Parameter> parameters, Gradients gradients, double learningRate) {
        if (velocity == null) {
            velocity = OptimizerState.zerosLike(parameters);
        }
        for (int p = 0; p < parameters.size(); p++) {
            double[][] w = parameters.get(p).values();
            double[][] g = gradients.tensor(p);
            double[][] v = velocity[p];
            for (int r = 0; r < w.length; r++) {
                double[] wr = w[r];
                double[] gr = g[r];
                double[] vr = v[r];
                for (int j = 0; j < wr.length; j++) {
                    vr[j] = momentum * vr[j] - learningRate * gr[j];
                    wr[j] += vr[j];
                }
            }
        }
    }

    @Override
    public Optimizer copy() {
        return new SgdOptimizer(momentum);
    }

    @Override
    public String describe() {
        return "sgd(momentum=" + momentum + ")";
    }
}
