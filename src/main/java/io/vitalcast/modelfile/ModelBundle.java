package io.vitalcast.modelfile;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.training.TrainingConfig;

/**
 * Everything a model file holds: the network (architecture and weights), how it was trained, the data scaling,
 * training metrics, provenance, and named attributes and vectors for the layers built on top (for example the
 * signal a forecaster was trained for and its calibrated interval half-widths). Metrics, attributes and vectors keep
 * their keys sorted, so that a model file written twice, in any JVM, has the same bytes and checksum.
 *
 * @param name       model name, e.g. {@code heart_rate-lstm}
 * @param network    the trained network
 * @param training   the training configuration
 * @param scaling    data scaling of inputs and outputs
 * @param metrics    training and evaluation figures, e.g. {@code validation_loss}
 * @param provenance origin of the model
 * @param attributes named text values
 * @param vectors    named numeric vectors
 */
public record ModelBundle(String name, RecurrentNetwork network, TrainingConfig training, Scaling scaling,
                          Map<String, Double> metrics, Provenance provenance, Map<String, String> attributes,
                          Map<String, double[]> vectors) {

    public ModelBundle {
        if (name == null || name.isBlank() || network == null || training == null || scaling == null
            || provenance == null) {
            throw new IllegalArgumentException("a model bundle needs a name, network, training configuration, "
                + "scaling and provenance");
        }
        if (scaling.inputMean().length != network.architecture().inputSize()
            || scaling.outputMean().length != network.architecture().outputSize()) {
            throw new IllegalArgumentException("scaling has " + scaling.inputMean().length + " inputs and "
                + scaling.outputMean().length + " outputs, the network " + network.architecture().inputSize()
                + " and " + network.architecture().outputSize());
        }
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
        TreeMap<String, double[]> copies = new TreeMap<>();
        if (vectors != null) {
            vectors.forEach((key, value) -> copies.put(key, value.clone()));
        }
        vectors = Collections.unmodifiableMap(copies);
    }
}
