package io.vitalcast.data;

import java.util.List;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Standardisation {@code (x - mean) / std} for a network's inputs. Fitted on the training part only, so that the
 * validation and test parts stay unseen.
 *
 * @param mean mean of the training values
 * @param std  their standard deviation (population); 1 when they are all equal, so scaling stays defined
 */
public record Scaler(double mean, double std) {

    public Scaler {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || !(std > 0)) {
            throw new IllegalArgumentException("scaler needs a finite mean and a positive std, got mean " + mean
                + ", std " + std);
        }
    }

    /** Fits on the values of the given series. */
    public static Scaler fit(List<double[]> series) {
        SummaryStatistics statistics = new SummaryStatistics();
        for (double[] values : series) {
            for (double value : values) {
                statistics.addValue(value);
            }
        }
        if (statistics.getN() == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on no values");
        }
        double std = Math.sqrt(statistics.getPopulationVariance());
        return new Scaler(statistics.getMean(), std > 0 ? std : 1);
    }

    public double scale(double value) {
        return (value - mean) / std;
    }

    public double unscale(double value) {
        return value * std + mean;
    }

    /** A scaled copy. */
    public double[] scale(double[] values) {
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = scale(values[i]);
        }
        return scaled;
    }

    /** An unscaled copy. */
    public double[] unscale(double[] values) {
        double[] unscaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            unscaled[i] = unscale(values[i]);
        }
        return unscaled;
    }
}
