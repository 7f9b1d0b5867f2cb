/**
 * Training of recurrent networks: the {@link io.vitalcast.training.Loss} (value and gradient together), gradient
 * clipping, the optimizers (SGD with momentum, RMSprop, Adam) and learning-rate schedules, and the
 * {@link io.vitalcast.training.Trainer}, which owns epochs, seeded shuffling, mini-batches, the validation split,
 * early stopping and the divergence guard, and reports progress to a {@link io.vitalcast.training.TrainingListener}.
 * The {@link io.vitalcast.training.StatefulTrainer} trains a many-to-many network on long
 * {@link io.vitalcast.training.StatefulSequence}s the way a stream runs it: from the first step, the state carried
 * across chunks, the gradient truncated at chunk boundaries, one update per chunk.
 *
 * <p>A run is reproducible by construction: its {@link io.vitalcast.training.TrainingConfig} carries the seed, each
 * run creates a fresh optimizer, and everything runs on one thread.
 */
package io.vitalcast.training;
