package io.vitalcast.forecasting;

import java.util.function.Function;

/**
 * The per-horizon-step figures a backtest reports, named once so that the markdown report, {@code metrics.json} and
 * any dashboard built on them use the same names.
 */
public enum ForecastMetric {
    MAE("mae", "MAE", true, r -> r.metrics().mae()),
    RMSE("rmse", "RMSE", true, r -> r.metrics().rmse()),
    MASE("mase", "MASE", false, r -> r.metrics().mase()),
    COVERAGE("coverage", "coverage", false, r -> r.metrics().coverage()),
    MEAN_WIDTH("meanWidth", "mean width", true, r -> r.metrics().meanWidth()),
    HALF_WIDTH("halfWidth", "half-width", true, r -> r.intervals().halfWidths()),
    SKILL("skill", "skill", false, ForecasterResult::skill);

    private final String key;
    private final String label;
    private final boolean inValueUnits;
    private final Function<ForecasterResult, double[]> extractor;

    ForecastMetric(String key, String label, boolean inValueUnits, Function<ForecasterResult, double[]> extractor) {
        this.key = key;
        this.label = label;
        this.inValueUnits = inValueUnits;
        this.extractor = extractor;
    }

    /** Field name in {@code metrics.json}. */
    public String key() {
        return key;
    }

    /** Column heading in reports. */
    public String label() {
        return label;
    }

    /** Whether the figure is in the unit of the series (otherwise it is a ratio). */
    public boolean inValueUnits() {
        return inValueUnits;
    }

    /** The figure per horizon step (0-based) of one forecaster. */
    public double[] of(ForecasterResult result) {
        return extractor.apply(result);
    }

    /** The figure averaged over horizon steps. */
    public double meanOf(ForecasterResult result) {
        return ForecastMetrics.mean(of(result));
    }
}
