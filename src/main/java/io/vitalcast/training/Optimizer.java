package io.vitalcast.training;

import java.util.List;

import io.vitalcast.model.Gradients;
import io.vitalcast.model.Parameter;

/**
 * Updates parameters from their gradients. Lifecycle: a new optimizer has no state; the first {@link #step}
 * allocates its moment buffers for the given parameters; {@link #copy()} gives the same configuration with fresh
 * state (each training run takes a copy); a single optimizer serves a single set of parameters.
 */
public interface Optimizer {

    /** Applies one update with the given learning rate. */
    void step(List<Parameter> parameters, Gradients gradients, double learningRate);

    /** Same configuration, fresh state. */
    Optimizer copy();

    /** Name used in model files and reports, with its settings. */
    String describe();
}
