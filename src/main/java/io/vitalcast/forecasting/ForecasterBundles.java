package io.vitalcast.forecasting;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.vitalcast.data.SignalSpec;
import io.vitalcast.model.Parameter;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.modelfile.Scaling;
import io.vitalcast.training.TrainingResult;

/**
 * What the window and the stateful LSTM forecaster trainers write into a model file alike: the zero-initialised
 * correction head, the scaling, the attributes that identify the forecaster and its signal, the AR base vector and
 * the training metrics. One place, so that both kinds of file describe themselves the same way.
 */
final class ForecasterBundles {
    private ForecasterBundles() {
    }

    /**
     * Starts the correction of the reference forecast at zero, so the untrained model is exactly its reference: with
     * early stopping counting the initial parameters, the trained model is never worse than it on validation.
     */
    static void zeroHead(RecurrentNetwork network) {
        for (Parameter p : network.parameters()) {
            if (p.name().startsWith("head.")) {
                for (double[] row : p.values()) {
                    Arrays.fill(row, 0.0);
                }
            }
        }
    }

    /** Inputs (change, level) scaled by the signal's spread; outputs are corrections in the same scale. */
    static Scaling scaling(double mean, double scale, int horizon) {
        double[] outputScale = new double[horizon];
        Arrays.fill(outputScale, scale);
        return new Scaling(new double[] {0, mean}, new double[] {scale, scale}, new double[horizon], outputScale);
    }

    static Map<String, String> attributes(String kind, String features, AutoregressiveForecaster base,
                                          LstmForecasterSettings settings, SignalSpec spec, int horizon) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("kind", kind);
        attributes.put("features", features);
        attributes.put("target", base == null ? "delta_from_last" : "delta_from_ar" + settings.arBase());
        attributes.put("signal", spec.name());
        attributes.put("unit", spec.unit());
        attributes.put("step", spec.step() == null ? "" : spec.step().toString());
        attributes.put("window", Integer.toString(settings.window()));
        attributes.put("horizon", Integer.toString(horizon));
        return attributes;
    }

    static Map<String, Double> metrics(TrainingResult result, double level, double mean, double scale) {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("train_loss", result.finalTrainLoss());
        metrics.put("validation_loss", result.bestValidationLoss());
        metrics.put("best_epoch", (double) result.bestEpoch());
        metrics.put("epochs_run", (double) result.history().size());
        metrics.put("clipping_rate", result.clippingRate());
        metrics.put("interval_level", level);
        metrics.put("signal_mean", mean);
        metrics.put("signal_std", scale);
        return metrics;
    }

    /** The AR base as a model-file vector: intercept, then coefficients. */
    static double[] arVector(AutoregressiveForecaster base) {
        double[] coefficients = base.coefficients();
        double[] vector = new double[coefficients.length + 1];
        vector[0] = base.intercept();
        System.arraycopy(coefficients, 0, vector, 1, coefficients.length);
        return vector;
    }
}
