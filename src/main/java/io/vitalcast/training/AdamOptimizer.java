package io.vitalcast.training;

import java.util.List;

import io.vitalcast.model.Gradients;
import io.vitalcast.model.Parameter;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1) with bias-corrected first and second moments:
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
 */
public final class AdamOptimizer implements Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[][][] first;
    private double[][][] second;
    private long steps;

    public AdamOptimizer(double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs beta1, beta2 in [0, 1) and epsilon > 0, were beta1="
                + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** The paper's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public static AdamOptimizer defaults() {
        return new AdamOptimizer(0.9, 0.999, 1e-8);
    }

    @Override
    public void step(List<Parameter> parameters, Gradients gradients, double learningRate) {
        if (first == null) {
            first = OptimizerState.zerosLike(parameters);
            second = OptimizerState.zerosLike(parameters);
        }
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int p = 0; p < parameters.size(); p++) {
            double[][] w = parameters.get(p).values();
            double[][] g = gradients.tensor(p);
            double[][] m = first[p];
            double[][] v = second[p];
            for (int r = 0; r < w.length; r++) {
                double[] wr = w[r];
                double[] gr = g[r];
                double[] mr = m[r];
                double[] vr = v[r];
                for (int j = 0; j < wr.length; j++) {
                    double gj = gr[j];
                    mr[j] = beta1 * mr[j] + (1 - beta1) * gj;
                    vr[j] = beta2 * vr[j] + (1 - beta2) * gj * gj;
                    wr[j] -= learningRate * (mr[j] / correction1) / (Math.sqrt(vr[j] / correction2) + epsilon);
                }
            }
        }
    }

    @Override
    public Optimizer copy() {
        return new AdamOptimizer(beta1, beta2, epsilon);
    }

    @Override
    public String describe() {
        return "adam(beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + ")";
    }
}
