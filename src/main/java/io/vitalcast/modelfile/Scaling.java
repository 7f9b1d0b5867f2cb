package io.vitalcast.modelfile;

import java.util.Arrays;

/**
 * The affine scaling a model was trained with: {@code scaled = (value - mean) / scale}, per input feature and per
 * output. Stored in the model file so that whoever loads the model feeds it exactly what it was trained on.
 *
 * @param inputMean   mean per input feature
 * @param inputScale  scale (e.g. standard deviation) per input feature, positive
 * @param outputMean  mean per output
 * @param outputScale scale per output, positive
 */
public record Scaling(double[] inputMean, double[] inputScale, double[] outputMean, double[] outputScale) {

    public Scaling {
        if (inputMean.length != inputScale.length || outputMean.length != outputScale.length) {
            throw new IllegalArgumentException("scaling means and scales must have the same lengths");
        }
        for (double[] scales : new double[][] {inputScale, outputScale}) {
            for (double s : scales) {
                if (!(s > 0) || !Double.isFinite(s)) {
                    throw new IllegalArgumentException("scales must be positive and finite, were "
                        + Arrays.toString(scales));
                }
            }
        }
        inputMean = inputMean.clone();
        inputScale = inputScale.clone();
        outputMean = outputMean.clone();
        outputScale = outputScale.clone();
    }

    /** No scaling for the given numbers of inputs and outputs. */
    public static Scaling identity(int inputs, int outputs) {
        double[] ones = new double[Math.max(inputs, outputs)];
        Arrays.fill(ones, 1.0);
        return new Scaling(new double[inputs], Arrays.copyOf(ones, inputs), new double[outputs],
            Arrays.copyOf(ones, outputs));
    }

    /** The same mean and scale for every input feature and output (a univariate signal). */
    public static Scaling uniform(double mean, double scale, int inputs, int outputs) {
        double[] im = new double[inputs];
        double[] is = new double[inputs];
        double[] om = new double[outputs];
        double[] os = new double[outputs];
        Arrays.fill(im, mean);
        Arrays.fill(is, scale);
        Arrays.fill(om, mean);
        Arrays.fill(os, scale);
        return new Scaling(im, is, om, os);
    }

    public double scaleInput(int feature, double value) {
        return (value - inputMean[feature]) / inputScale[feature];
    }

    public double unscaleOutput(int output, double value) {
        return value * outputScale[output] + outputMean[output];
    }

    @Override
    public double[] inputMean() {
        return inputMean.clone();
    }

    @Override
    public double[] inputScale() {
        return inputScale.clone();
    }

    @Override
    public double[] outputMean() {
        return outputMean.clone();
    }

    @Override
    public double[] outputScale() {
        return outputScale.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scaling s && Arrays.equals(inputMean, s.inputMean)
            && Arrays.equals(inputScale, s.inputScale) && Arrays.equals(outputMean, s.outputMean)
            && Arrays.equals(outputScale, s.outputScale);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(inputMean) * 31 + Arrays.hashCode(outputMean);
    }

    @Override
    public String toString() {
        return "Scaling[inputMean=" + Arrays.toString(inputMean) + ", inputScale=" + Arrays.toString(inputScale)
            + ", outputMean=" + Arrays.toString(outputMean) + ", outputScale=" + Arrays.toString(outputScale) + "]";
    }
}
