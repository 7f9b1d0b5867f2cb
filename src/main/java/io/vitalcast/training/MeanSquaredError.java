package io.vitalcast.training;

/**
 * Mean squared error over outputs (and, for many-to-many, over steps): for one example with rows r and outputs k,
 * {@code (1 / (rows * outputs)) * sum (y - t)^2}. The batch loss is the mean over examples.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public double valueAndGradient(double[][] outputs, double[][] targets, double weight, double[][] gradient) {
        if (outputs.length != targets.length) {
            throw new IllegalArgumentException("expected " + outputs.length + " target rows, got " + targets.length);
        }
        int count = 0;
        for (double[] row : outputs) {
            count += row.length;
        }
        double scale = weight / count;
        double sum = 0;
        for (int r = 0; r < outputs.length; r++) {
            double[] y = outputs[r];
            double[] t = targets[r];
            if (t.length != y.length) {
                throw new IllegalArgumentException("expected " + y.length + " targets per row, got " + t.length);
            }
            double[] g = gradient[r];
            for (int k = 0; k < y.length; k++) {
                double e = y[k] - t[k];
                sum += e * e;
                g[k] = 2.0 * scale * e;
            }
        }
        return sum * scale;
    }
}
