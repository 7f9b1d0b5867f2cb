/**
 * The recurrent regressor: LSTM (and, for comparison, plain RNN) layers with a dense output head.
 *
 * <p>How the parts fit: an {@link io.vitalcast.model.Architecture} says the shape; a
 * {@link io.vitalcast.model.RecurrentNetwork} holds the {@link io.vitalcast.model.Parameter}s and runs inference,
 * either over a window or one step at a time on a {@link io.vitalcast.model.RecurrentState} (the two agree
 * exactly); a {@link io.vitalcast.model.TrainingPass} records a forward pass and backpropagates through time into
 * {@link io.vitalcast.model.Gradients}, which the {@code training} package clips and applies.
 *
 * <p>Parameters are Commons Math matrices at the API ({@link io.vitalcast.model.Parameter#matrix()}), but the hot
 * loops work on the backing {@code double[][]} rows with unit-stride updates and no allocation per time step:
 * {@code RealMatrix} operations allocate a result per call, which made a measured BPTT several times slower.
 */
package io.vitalcast.model;
