package io.vitalcast.streaming;

import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.streams.Topology;

/**
 * The wiring step between configuration and {@link ForecastTopology#build}: reads the models of the settings' model
 * directory, declares the meters the topology reports, and builds the topology on them. Kept apart from the build so
 * that the topology stays a pure function that tests and the backtest call with models of their own.
 */
public final class ForecasterWiring {
    private ForecasterWiring() {
    }

    /** The forecasting topology of these settings, with the models of their model directory and meters declared. */
    public static Topology forecaster(StreamingSettings settings, VitalcastMetrics metrics) {
        ModelRegistry models = ModelRegistry.load(settings.modelDirectory(), settings.signals());
        ForecastTopology.declareMeters(settings, models, metrics);
        return ForecastTopology.build(settings, models, metrics);
    }
}
