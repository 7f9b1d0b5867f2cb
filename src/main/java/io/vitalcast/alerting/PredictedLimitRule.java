package io.vitalcast.alerting;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * PREDICTED_LIMIT: the forecast made at this step crosses a clinical limit within the horizon with at least the
 * policy's probability ({@link CrossingProbability}); always a WARNING, with the lead time to the first likely
 * crossing. While the LIMIT alert of the series is open (or held back) the limit is already crossed, so the step
 * counts as normal. A step without a forecast is not judged.
 */
final class PredictedLimitRule implements AlertRule {

    @Override
    public Finding observe(StepFacts facts, AlertStates states) {
        StepFacts.Forecast forecast = facts.forecast();
        if (forecast == null) {
            return null;
        }
        AlertPolicy policy = facts.policy();
        ClinicalLimits limits = facts.limits();
        SeriesStep step = facts.step();
        double[] values = forecast.values();
        double threshold = policy.predictedProbability();
        CrossingProbability crossing = CrossingProbability.of(values, forecast.halfWidths(), forecast.level(),
            limits, threshold);
        AlertStatus limit = states.of(AlertKind.LIMIT);
        boolean limitActive = limit.isOpen() || limit.held();
        boolean abnormal = crossing.probability() >= threshold && !limitActive;
        boolean normal = limitActive || crossing.probability() < threshold * policy.exitRatio();
        int at = crossing.firstStep() >= 0 ? crossing.firstStep() : firstCrossing(values, limits);
        Long lead = null;
        Supplier<String> message = () -> String.format(Locale.ROOT, "%s forecast within limits (crossing "
            + "probability %.2f)", step.signal(), crossing.probability());
        if (at >= 0) {
            lead = forecast.pointTimesMs()[at] - step.timeMs();
            double reached = values[at];
            long leadSeconds = lead / 1000;
            boolean low = !Double.isNaN(limits.low()) && (Double.isNaN(limits.high())
                || Math.abs(reached - limits.low()) < Math.abs(reached - limits.high()));
            message = () -> String.format(Locale.ROOT, "%s forecast to reach %.4g %s (%s limit %s) in about %d s, "
                    + "probability %.2f of crossing within the horizon", step.signal(), reached, facts.unit(),
                low ? "low" : "high", low ? limits.low() : limits.high(), leadSeconds, crossing.probability());
        }
        return new Finding(new AlertStateMachine.Observation(abnormal, normal, Severity.WARNING),
            ClinicalEvents.of(AlertKind.PREDICTED_LIMIT, facts, at >= 0 ? values[at] : null, null, null, lead,
                crossing.probability(), message,
                () -> String.format(Locale.ROOT, "%s is no longer forecast to cross a limit (crossing probability "
                    + "%.2f)", step.signal(), crossing.probability())));
    }

    private static int firstCrossing(double[] forecast, ClinicalLimits limits) {
        for (int h = 0; h < forecast.length; h++) {
            if (limits.isBelow(forecast[h]) || limits.isAbove(forecast[h])) {
                return h;
            }
        }
        return -1;
    }
}
