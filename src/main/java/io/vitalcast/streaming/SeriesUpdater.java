package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.vitalcast.data.SignalSpec;

/**
 * What happens to one series when a new step arrives, as a pure function of the stored state: gap handling, scoring
 * the step against the forecast made for it, clinical limits, the next forecast and predicted limit crossings, with
 * hysteresis on every alert kind. The processor around it only loads and stores the state and forwards the outputs.
 *
 * <p>Gaps: for a fixed-step signal, up to {@code maxGapSteps} missing steps are filled by linear interpolation;
 * a longer gap restarts the history (and no forecast is scored across it). A step not after the last one is LATE.
 *
 * <p>Signal quality ({@link SignalQuality}): a bad step (and a sensor-off marker) only updates the quality state and
 * the SENSOR alert; it is not scored, not added to the history and counts as a missing step for the gap rule. While
 * a SENSOR alert is open (bad steps and the good steps before it resolves), DEVIATION, LIMIT and PREDICTED_LIMIT
 * alerts are frozen: none opens, and one already open stays open, neither escalated nor resolved, until the signal
 * can be believed again (nothing is known about the patient from this signal meanwhile). Good steps in that time
 * still join the history and are scored.
 */
public final class SeriesUpdater {
    private static final double MAE_DECAY = 0.05;

    private final StreamingSettings settings;
    private final SignalQuality quality = new SignalQuality();

    public SeriesUpdater(StreamingSettings settings) {
        this.settings = settings;
    }

    /**
     * The outcome of one step.
     *
     * @param state    the state to store
     * @param forecast the new forecast, or null (not enough history yet)
     * @param alerts   alert events, possibly none
     * @param late     whether the step was rejected as late (the state is then unchanged)
     * @param scores   how the forecasts made 1..H steps ago did on this step
     */
    public record Update(SeriesState state, ForecastRecord forecast, List<AlertEvent> alerts, boolean late,
                         List<HorizonScore> scores) {
    }

    /**
     * The forecast made {@code horizon} steps before a step, scored against it.
     *
     * @param horizon       1-based horizon step
     * @param absoluteError |actual - forecast|
     * @param covered       whether the actual value was inside the interval, or null while uncalibrated
     */
    public record HorizonScore(int horizon, double absoluteError, Boolean covered) {
    }

    public Update apply(SeriesState state, StepValue step, SignalSpec spec, SeriesModel model) {
        long stepMs = spec.isEventDriven() ? 0 : spec.step().toMillis();
        long lastJudgedMs = Math.max(state.lastStepMs(), state.quality().lastTimeMs());
        if (!step.isSensorOff() && lastJudgedMs >= 0 && step.timeMs() <= lastJudgedMs) {
            return new Update(state, null, List.of(), true, List.of());
        }
        long missingSinceJudged = spec.isEventDriven() || lastJudgedMs < 0 ? 0
            : (step.timeMs() - lastJudgedMs) / stepMs - 1;
        SignalQuality.Assessment assessment = quality.assess(state.quality(), step, spec, missingSinceJudged);
        if (assessment.bad()) {
            return new Update(state.withQuality(assessment.status()), null, assessment.alerts(), false, List.of());
        }
        boolean suppressed = assessment.suppressed();
        double[] history = state.history();
        boolean scorable = state.pendingForecast() != null;
        if (!spec.isEventDriven() && state.lastStepMs() >= 0) {
            long missing = (step.timeMs() - state.lastStepMs()) / stepMs - 1;
            if (missing > spec.maxGapSteps()) {
                history = new double[0];
                scorable = false;
            } else if (missing > 0) {
                history = interpolate(history, step.value(), (int) missing);
                scorable = false;
            }
        }
        List<AlertEvent> alerts = new ArrayList<>(assessment.alerts());
        List<HorizonScore> scores = new ArrayList<>();
        double[][] recent = scorable ? state.recentForecasts() : new double[0][];
        double[][] recentWidths = scorable ? state.recentHalfWidths() : new double[0][];
        for (int k = 0; k < recent.length; k++) {
            if (k < recent[k].length) {
                double error = Math.abs(step.value() - recent[k][k]);
                double width = recentWidths[k][k];
                scores.add(new HorizonScore(k + 1, error, Double.isFinite(width) ? error <= width : null));
            }
        }
        Instant time = Instant.ofEpochMilli(step.timeMs());
        ClinicalLimits limits = settings.limitsOf(step.signal());
        String unit = spec.unit();

        double residualMae = state.residualMae();
        long residualCount = state.residualCount();
        AlertStatus deviation = state.deviation();
        if (scorable) {
            double expected = state.pendingForecast()[0];
            double residual = step.value() - expected;
            residualMae = residualCount == 0 ? Math.abs(residual)
                : (1 - MAE_DECAY) * residualMae + MAE_DECAY * Math.abs(residual);
            residualCount++;
            double halfWidth = state.pendingHalfWidth()[0];
            if (Double.isFinite(halfWidth)) {
                AlertPolicy policy = settings.policyOf(step.signal());
                double threshold = halfWidth * (1 + policy.margin());
                boolean abnormal = Math.abs(residual) > threshold && policy.direction().counts(residual);
                Severity severity = Math.abs(residual) > 3 * threshold ? Severity.CRITICAL : Severity.WARNING;
                String message = String.format(Locale.ROOT, "%s %.4g %s is %s the forecast %.4g (expected %.4g to "
                    + "%.4g)", step.signal(), step.value(), unit, residual > 0 ? "above" : "below", expected,
                    expected - halfWidth, expected + halfWidth);
                deviation = suppressed ? deviation : transition(deviation, abnormal, severity, AlertKind.DEVIATION,
                    step, time, expected, expected - halfWidth, expected + halfWidth, null, unit, message, alerts);
            }
        }

        boolean beyond = limits.isBelow(step.value()) || limits.isAbove(step.value());
        String limitMessage = String.format(Locale.ROOT, "%s %.4g %s is %s", step.signal(), step.value(), unit,
            limits.isBelow(step.value()) ? "below the low limit " + limits.low()
                : limits.isAbove(step.value()) ? "above the high limit " + limits.high() : "within limits");
        AlertStatus limit = suppressed ? state.limit() : transition(state.limit(), beyond, Severity.CRITICAL,
            AlertKind.LIMIT, step, time, null, finiteOrNull(limits.low()), finiteOrNull(limits.high()), null, unit,
            limitMessage, alerts);

        double[] appended = append(history, step.value(), model.window());
        ForecastRecord forecast = null;
        double[] pending = null;
        double[] pendingWidths = null;
        AlertStatus predicted = state.predicted();
        SeriesState interim = new SeriesState(appended, step.timeMs(), null, null, residualMae, residualCount,
            deviation, limit, predicted, null, null, assessment.status());
        if (appended.length >= model.window()) {
            pending = model.forecast(appended);
            pendingWidths = model.halfWidths(interim);
            forecast = forecastRecord(step, spec, model, pending, pendingWidths);
            int crossing = firstCrossing(pending, limits);
            boolean predictedAbnormal = crossing >= 0 && !limit.isOpen();
            Long lead = null;
            String message = step.signal() + " forecast within limits";
            if (crossing >= 0) {
                lead = leadTimeMs(forecast, crossing, step.timeMs());
                message = String.format(Locale.ROOT, "%s forecast to reach %.4g %s (%s limit %s) in about %d s",
                    step.signal(), pending[crossing], unit, limits.isBelow(pending[crossing]) ? "low" : "high",
                    limits.isBelow(pending[crossing]) ? limits.low() : limits.high(), lead / 1000);
            }
            predicted = suppressed ? predicted : transition(predicted, predictedAbnormal, Severity.WARNING,
                AlertKind.PREDICTED_LIMIT, step, time, crossing >= 0 ? pending[crossing] : null,
                finiteOrNull(limits.low()), finiteOrNull(limits.high()), lead, unit, message, alerts);
        }
        double[][] nextRecent = recent;
        double[][] nextWidths = recentWidths;
        if (pending != null) {
            nextRecent = prepend(recent, pending, model.horizon());
            nextWidths = prepend(recentWidths, pendingWidths, model.horizon());
        }
        SeriesState next = new SeriesState(appended, step.timeMs(), pending, pendingWidths, residualMae,
            residualCount, deviation, limit, predicted, nextRecent, nextWidths, assessment.status());
        return new Update(next, forecast, alerts, false, scores);
    }

    private AlertStatus transition(AlertStatus status, boolean abnormal, Severity severity, AlertKind kind,
                                   StepValue step, Instant time, Double expected, Double lower, Double upper,
                                   Long lead, String unit, String message, List<AlertEvent> out) {
        if (abnormal) {
            int run = status.abnormalRun() + 1;
            if (!status.isOpen() && run >= settings.policyOf(step.signal()).sustainSteps()) {
                String id = alertId(step, kind);
                out.add(new AlertEvent(id, step.patientId(), step.signal(), kind, severity, AlertState.OPEN, time,
                    step.value(), expected, lower, upper, lead, unit, message));
                return new AlertStatus(id, severity, run, 0);
            }
            if (status.isOpen() && severity.compareTo(status.severity()) > 0) {
                out.add(new AlertEvent(status.alertId(), step.patientId(), step.signal(), kind, severity,
                    AlertState.UPDATE, time, step.value(), expected, lower, upper, lead, unit, message));
                return new AlertStatus(status.alertId(), severity, run, 0);
            }
            return new AlertStatus(status.alertId(), status.severity(), run, 0);
        }
        int normal = status.normalRun() + 1;
        if (status.isOpen() && normal >= settings.policyOf(step.signal()).clearSteps()) {
            out.add(new AlertEvent(status.alertId(), step.patientId(), step.signal(), kind, status.severity(),
                AlertState.RESOLVED, time, step.value(), expected, lower, upper, lead, unit, message));
            return new AlertStatus(null, null, 0, normal);
        }
        return new AlertStatus(status.alertId(), status.severity(), 0, normal);
    }

    private static String alertId(StepValue step, AlertKind kind) {
        String seed = step.patientId() + '\u0000' + step.signal() + '\u0000' + kind + '\u0000' + step.timeMs();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ForecastRecord forecastRecord(StepValue step, SignalSpec spec, SeriesModel model,
                                                 double[] values, double[] halfWidths) {
        List<ForecastRecord.ForecastPoint> points = new ArrayList<>(values.length);
        long time = step.timeMs();
        for (int h = 0; h < values.length; h++) {
            time += spec.isEventDriven() ? Math.round(Math.max(values[h], 0) * 1000) : spec.step().toMillis();
            double width = halfWidths[h];
            boolean calibrated = Double.isFinite(width);
            points.add(new ForecastRecord.ForecastPoint(Instant.ofEpochMilli(time), values[h],
                calibrated ? values[h] - width : null, calibrated ? values[h] + width : null));
        }
        return new ForecastRecord(step.patientId(), step.signal(), spec.unit(), Instant.ofEpochMilli(step.timeMs()),
            spec.isEventDriven() ? null : spec.step().toMillis(), model.info(), points);
    }

    private static long leadTimeMs(ForecastRecord forecast, int crossing, long now) {
        return forecast.points().get(crossing).timestamp().toEpochMilli() - now;
    }

    private static int firstCrossing(double[] forecast, ClinicalLimits limits) {
        for (int h = 0; h < forecast.length; h++) {
            if (limits.isBelow(forecast[h]) || limits.isAbove(forecast[h])) {
                return h;
            }
        }
        return -1;
    }

    private static Double finiteOrNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double[][] prepend(double[][] rows, double[] row, int keep) {
        int size = Math.min(rows.length + 1, keep);
        double[][] out = new double[size][];
        out[0] = row;
        System.arraycopy(rows, 0, out, 1, size - 1);
        return out;
    }

    static double[] append(double[] history, double value, int window) {
        int keep = Math.min(history.length, Math.max(window, 1) - 1);
        double[] out = Arrays.copyOfRange(history, history.length - keep, history.length + 1);
        out[keep] = value;
        return out;
    }

    private static double[] interpolate(double[] history, double next, int missing) {
        if (history.length == 0) {
            return history;
        }
        double last = history[history.length - 1];
        double[] out = Arrays.copyOf(history, history.length + missing);
        for (int i = 1; i <= missing; i++) {
            out[history.length + i - 1] = last + (next - last) * i / (missing + 1);
        }
        return out;
    }
}
