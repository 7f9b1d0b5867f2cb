package io.vitalcast.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Vitalcast's own metrics, all named {@code vitalcast_*}, registered in one place so that code, dashboards and docs
 * agree on names and labels. Patient ids are never label values.
 */
public final class VitalcastMetrics {
    private final MeterRegistry registry;

    public VitalcastMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }
}
