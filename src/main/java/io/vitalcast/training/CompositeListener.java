package io.vitalcast.training;

import java.util.List;

/** Tells several listeners, in order: a progress bar and a metrics exporter, say. */
public final class CompositeListener implements TrainingListener {
    private final List<TrainingListener> listeners;

    public CompositeListener(List<TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void onBatch(BatchReport report) {
        listeners.forEach(l -> l.onBatch(report));
    }

    @Override
    public void onEpoch(EpochReport report) {
        listeners.forEach(l -> l.onEpoch(report));
    }
}
