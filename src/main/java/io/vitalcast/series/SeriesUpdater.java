package io.vitalcast.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.AlertSettings;
import io.vitalcast.alerting.AlertStateMachine;
import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.alerting.AnomalyScore;
import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.alerting.CrossingProbability;
import io.vitalcast.alerting.Severity;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelFingerprint;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.forecasting.RecurrentModel;
import io.vitalcast.forecasting.WindowModel;

/**
 * What happens to one series when a new step arrives, as a pure function of the stored state: gap handling, scoring
 * the step against the forecast made for it, clinical limits, the next forecast and predicted limit crossings, with
 * hysteresis on every alert kind. The processor around it only loads and stores the state and forwards the outputs.
 *
 * <p>Gaps: for a fixed-step signal, up to {@code maxGapSteps} missing steps are filled by linear interpolation;
 * a longer gap restarts the history (and no forecast is scored across it). A step not after the last one is LATE.
 *
 * <p>A window model forecasts from the last {@code window} values. A stateful model (({@link RecurrentModel})
 * is advanced by every new step, filled ones included, on the recurrent state stored with the series, which a
 * restart resets; it forecasts from that state and its last few values once the segment has {@code window} steps.
 * A state another model made (the model of the signal was replaced, say by a retrained one of the same size) or one
 * that names no model (read from an older store) is not carried on: a new segment starts at the step, keeping the
 * history, the alert states and the scoring of the forecast made for the step.
 * <p>Signal quality ({@link SignalQuality}): a bad step (and a sensor-off marker) only updates the quality state and
 * the SENSOR alert; it is not scored, not added to the history and counts as a missing step for the gap rule. While
 * a SENSOR alert is open (bad steps and the good steps before it resolves), DEVIATION, LIMIT and PREDICTED_LIMIT
 * alerts are frozen: none opens, and one already open stays open, neither escalated nor resolved, until the signal
 * can be believed again (nothing is known about the patient from this signal meanwhile). Good steps in that time
 * still join the history and are scored.
 */
public final class SeriesUpdater {
    private static final double MAE_DECAY = 0.05;

    private final AlertSettings settings;
    private final SignalQuality quality = new SignalQuality();

    public SeriesUpdater(AlertSettings settings) {
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

    public Update apply(SeriesState state, StepValue step, SignalSpec spec, OnlineModel model) {
        return apply(state, step, spec, model, AlertContext.unlimited());
    }

    /**
     * The outcome of one step, with the patient's acknowledgements and hourly alert budget in {@code alerts}, which
     * also collects what the alert policy held back and which alerts resolved.
     */
    public Update apply(SeriesState state, StepValue step, SignalSpec spec, OnlineModel model, AlertContext alerting) {
        long stepMs = spec.isEventDriven() ? 0 : spec.step().toMillis();
        long lastJudgedMs = Math.max(state.lastStepMs(), state.quality().lastTimeMs());
        if (!step.isSensorOff() && lastJudgedMs >= 0 && step.timeMs() <= lastJudgedMs) {
            return new Update(state, null, List.of(), true, List.of());
        }
        long missingSinceJudged = spec.isEventDriven() || lastJudgedMs < 0 ? 0
            : (step.timeMs() - lastJudgedMs) / stepMs - 1;
        SignalQuality.Assessment assessment = quality.assess(state.quality(), step, spec, missingSinceJudged,
            alerting);
        if (assessment.bad()) {
            return new Update(state.withQuality(assessment.status()), null, assessment.alerts(), false, List.of());
        }
        boolean suppressed = assessment.suppressed();
        double[] history = state.history();
        boolean scorable = state.pendingForecast() != null;
        boolean restart = false;
        int filled = 0;
        if (!spec.isEventDriven() && state.lastStepMs() >= 0) {
            long missing = (step.timeMs() - state.lastStepMs()) / stepMs - 1;
            if (missing > spec.maxGapSteps()) {
                history = new double[0];
                scorable = false;
                restart = true;
            } else if (missing > 0) {
                filled = history.length == 0 ? 0 : (int) missing;
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
        AlertPolicy policy = settings.policyOf(step.signal());
        String unit = spec.unit();

        double residualMae = state.residualMae();
        long residualCount = state.residualCount();
        AlertStatus deviation = state.deviation();
        if (scorable) {
            double expected = state.pendingForecast()[0];
            double residual = step.value() - expected;
            double scale = AnomalyScore.scale(state.pendingHalfWidth()[0], residualMae, residualCount,
                policy.warmUpSteps());
            residualMae = residualCount == 0 ? Math.abs(residual)
                : (1 - MAE_DECAY) * residualMae + MAE_DECAY * Math.abs(residual);
            residualCount++;
            if (Double.isFinite(scale)) {
                double score = Math.abs(residual) / scale;
                boolean counted = policy.direction().counts(residual);
                boolean abnormal = counted && score > policy.enterScore();
                boolean normal = !counted || score <= policy.exitScore();
                Severity severity = abnormal && score > policy.criticalScore() ? Severity.CRITICAL : Severity.WARNING;
                Supplier<String> message = () -> String.format(Locale.ROOT, "%s %.4g %s is %s the forecast %.4g "
                    + "(expected %.4g to %.4g; score %.2f)", step.signal(), step.value(), unit,
                    residual > 0 ? "above" : "below", expected, expected - scale, expected + scale, score);
                deviation = suppressed ? deviation : transition(deviation, new AlertStateMachine.Observation(abnormal, normal, severity),
                    policy, AlertKind.DEVIATION, step, time, expected, expected - scale, expected + scale, null,
                    null, unit, message, alerting, alerts);
            }
        }

        boolean beyond = limits.isBelow(step.value()) || limits.isAbove(step.value());
        Supplier<String> limitMessage = () -> String.format(Locale.ROOT, "%s %.4g %s is %s", step.signal(),
            step.value(), unit, limits.isBelow(step.value()) ? "below the low limit " + limits.low()
                : limits.isAbove(step.value()) ? "above the high limit " + limits.high() : "within limits");
        AlertStatus limit = suppressed ? state.limit() : transition(state.limit(), new AlertStateMachine.Observation(beyond, !beyond,
                Severity.CRITICAL), policy, AlertKind.LIMIT, step, time, null, finiteOrNull(limits.low()),
            finiteOrNull(limits.high()), null, null, unit, limitMessage, alerting, alerts);

        double[] appended = append(history, step.value(), model.historyLength());
        double[] modelState = null;
        long modelFingerprint = ModelFingerprint.UNKNOWN;
        long segmentSteps = (restart ? 0 : state.segmentSteps()) + filled + 1;
        if (model instanceof RecurrentModel recurrent) {
            double[] stored = !restart && recurrent.owns(state.modelState(), state.modelFingerprint())
                ? state.modelState() : null;
            if (stored == null) {
                segmentSteps = filled + 1;
            }
            modelState = advance(recurrent, stored, history, filled, step.value());
            modelFingerprint = model.fingerprint();
        }
        ForecastRecord forecast = null;
        double[] pending = null;
        double[] pendingWidths = null;
        AlertStatus predicted = state.predicted();
        boolean ready = model instanceof RecurrentModel ? segmentSteps >= model.window()
            : appended.length >= model.window();
        if (ready) {
            pending = model instanceof RecurrentModel recurrent ? recurrent.forecast(modelState, appended)
                : ((WindowModel) model).forecast(appended);
            pendingWidths = model.intervals().halfWidths(modelState, residualMae, residualCount);
            forecast = forecastRecord(step, spec, model, pending, pendingWidths);
            double threshold = policy.predictedProbability();
            CrossingProbability crossing = CrossingProbability.of(pending, pendingWidths, model.intervals().level(),
                limits, threshold);
            boolean limitActive = limit.isOpen() || limit.held();
            boolean predictedAbnormal = crossing.probability() >= threshold && !limitActive;
            boolean predictedNormal = limitActive || crossing.probability() < threshold * policy.exitRatio();
            int at = crossing.firstStep() >= 0 ? crossing.firstStep() : firstCrossing(pending, limits);
            Long lead = null;
            Supplier<String> message = () -> String.format(Locale.ROOT, "%s forecast within limits (crossing "
                + "probability %.2f)", step.signal(), crossing.probability());
            if (at >= 0) {
                lead = leadTimeMs(forecast, at, step.timeMs());
                double reached = pending[at];
                long leadSeconds = lead / 1000;
                boolean low = !Double.isNaN(limits.low()) && (Double.isNaN(limits.high())
                    || Math.abs(reached - limits.low()) < Math.abs(reached - limits.high()));
                message = () -> String.format(Locale.ROOT, "%s forecast to reach %.4g %s (%s limit %s) in about %d "
                        + "s, probability %.2f of crossing within the horizon", step.signal(), reached, unit,
                    low ? "low" : "high", low ? limits.low() : limits.high(), leadSeconds, crossing.probability());
            }
            predicted = suppressed ? predicted : transition(predicted, new AlertStateMachine.Observation(predictedAbnormal, predictedNormal,
                    Severity.WARNING), policy, AlertKind.PREDICTED_LIMIT, step, time, at >= 0 ? pending[at] : null,
                finiteOrNull(limits.low()), finiteOrNull(limits.high()), lead, crossing.probability(), unit, message,
                alerting, alerts);
        }
        double[][] nextRecent = recent;
        double[][] nextWidths = recentWidths;
        if (pending != null) {
            nextRecent = prepend(recent, pending, model.horizon());
            nextWidths = prepend(recentWidths, pendingWidths, model.horizon());
        }
        SeriesState next = new SeriesState(appended, step.timeMs(), pending, pendingWidths, residualMae,
            residualCount, deviation, limit, predicted, nextRecent, nextWidths, modelState, modelFingerprint,
            segmentSteps, assessment.status());
        return new Update(next, forecast, alerts, false, scores);
    }

    /**
     * Advances a stateful model over the {@code filled} interpolated steps at the end of {@code history}, then the new
     * value; from a null state (a new segment) the first of them starts the segment.
     */
    private static double[] advance(RecurrentModel model, double[] stored, double[] history, int filled, double value) {
        double[] modelState = stored;
        double previous = stored == null ? Double.NaN : history[history.length - filled - 1];
        for (int i = history.length - filled; i < history.length; i++) {
            modelState = model.advance(modelState, previous, history[i]);
            previous = history[i];
        }
        return model.advance(modelState, previous, value);
    }

    private static AlertStatus transition(AlertStatus status, AlertStateMachine.Observation seen, AlertPolicy policy,
                                          AlertKind kind, StepValue step, Instant time, Double expected, Double lower,
                                          Double upper, Long lead, Double probability, String unit,
                                          Supplier<String> message, AlertContext alerting, List<AlertEvent> out) {
        return AlertStateMachine.step(status, seen, policy, kind, step.subject(), alerting,
            (id, severity, state, suppressed) -> new AlertEvent(id, step.patientId(), step.signal(), kind, severity,
                state, time, step.value(), expected, lower, upper, lead, unit, suppressed == null ? message.get()
                    : message.get() + " (" + suppressed + " alerts of this patient held back by the hourly cap)",
                probability, suppressed), out);
    }

    private static ForecastRecord forecastRecord(StepValue step, SignalSpec spec, OnlineModel model,
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
