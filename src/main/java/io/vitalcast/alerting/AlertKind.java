package io.vitalcast.alerting;

/**
 * What an alert is about, and the {@link AlertRule} that looks for it. Clinical kinds say something about the
 * patient; a technical kind says the signal cannot be believed, and while one is open the clinical kinds of that
 * series are frozen. Technical kinds are judged first at each step; within each group, in declaration order.
 */
public enum AlertKind {
    /** Observed steps deviate from their forecasts beyond the calibrated interval, sustained over several steps. */
    DEVIATION(new DeviationRule(), true),
    /** The observed value is beyond the configured clinical limits. */
    LIMIT(new LimitRule(), true),
    /** The forecast crosses the clinical limits within the horizon; carries the lead time. */
    PREDICTED_LIMIT(new PredictedLimitRule(), true),
    /**
     * A technical alert: the signal itself cannot be believed (dropout, flat line, impossible jump, saturation);
     * carries the problem. While it is open the clinical kinds above do not open for that signal.
     */
    SENSOR(new SensorRule(), false);

    private final AlertRule rule;
    private final boolean clinical;

    AlertKind(AlertRule rule, boolean clinical) {
        this.rule = rule;
        this.clinical = clinical;
    }

    /** The rule that looks for this kind. */
    public AlertRule rule() {
        return rule;
    }

    /**
     * Whether the kind is about the patient: clinical alerts count against the patient's hourly cap, report the
     * alerts it held back, and are frozen while the signal is doubted.
     */
    public boolean isClinical() {
        return clinical;
    }
}
