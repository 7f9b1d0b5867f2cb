package io.vitalcast.training;

/** Receives progress from a {@link Trainer}: the CLI draws its progress bar from it, metrics export it. */
public interface TrainingListener {

    /** After every update. */
    default void onBatch(BatchReport report) {
    }

    /** After every epoch. */
    default void onEpoch(EpochReport report) {
    }

    /** A listener that ignores everything. */
    static TrainingListener none() {
        return new TrainingListener() {
        };
    }
}
