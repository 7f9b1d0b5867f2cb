package io.vitalcast.training;

import java.util.List;

import io.vitalcast.model.Gradients;
import io.vitalcast.model.Parameter;

/**
 * RMSprop (Tieleman and Hinton 2012): {@code s = rho * s + (1 - rho) * g^2; w -= lr * g / (sqrt(s) + eps)}.
 */
public final class RmsPropOptimizer implements Optimizer {
    private final double rho;
    private final double epsilon;
    private double[][][] meanSquare;

    public RmsPropOptimizer(double rho, double epsilon) {
        if (!(rho > 0 && rho < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("rho must be in (0, 1) and epsilon positive, were rho=" + rho
                + ", epsilon=" + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    /** rho 0.9, epsilon 1e-8. */
    public static RmsPropOptimizer defaults() {
        return new RmsPropOptimizer(0.9, 1e-8);
    }

    @Override
    public void step(List<Parameter> parameters, Gradients gradients, double learningRate) {
        if (meanSquare == null) {
            meanSquare = OptimizerState.zerosLike(parameters);
        }
        for (int p = 0; p < parameters.size(); p++) {
            double[][] w = parameters.get(p).values();
            double[][] g = gradients.tensor(p);
            double[][] s = meanSquare[p];
            for (int r = 0; r < w.length; r++) {
                double[] wr = w[r];
                double[] gr = g[r];
                double[] sr = s[r];
                for (int j = 0; j < wr.length; j++) {
                    double gj = gr[j];
                    sr[j] = rho * sr[j] + (1 - rho) * gj * gj;
                    wr[j] -= learningRate * gj / (Math.sqrt(sr[j]) + epsilon);
                }
            }
        }
    }

    @Override
    public Optimizer copy() {
        return new RmsPropOptimizer(rho, epsilon);
    }

    @Override
    public String describe() {
        return "rmsprop(rho=" + rho + ", epsilon=" + epsilon + ")";
    }
}
