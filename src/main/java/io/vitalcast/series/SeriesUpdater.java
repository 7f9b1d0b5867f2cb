package io.vitalcast.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertEngine;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertPolicy;
import io.vitalcast.alerting.AlertSettings;
import io.vitalcast.alerting.AlertStates;
import io.vitalcast.alerting.AnomalyScore;
import io.vitalcast.alerting.StepFacts;
import io.vitalcast.data.Resolution;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.OnlineAdaptation;
import io.vitalcast.forecasting.OnlineCalibration;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.forecasting.RecurrentModel;
import io.vitalcast.forecasting.WindowModel;

/**
 * What happens to one series when a new step arrives, as a pure function of the stored state: gap handling, scoring
 * the step against the forecasts made for it, the next forecast, and every alert kind through the
 * {@link AlertEngine}. The processor around it only loads and stores the state and forwards the outputs.
 *
 * <p>Gaps: for a fixed-step signal, up to {@code maxGapSteps} missing steps are filled by linear interpolation;
 * a longer gap restarts the history (and no forecast is scored across it). A step not after the last one is LATE.
 *
 * <p>A window model forecasts from the last {@code window} values. A {@link RecurrentModel} is advanced by every new
 * step, filled ones included, on the recurrent state stored with the series, which a restart resets; it forecasts
 * from that state and its last few values once the segment has {@code window} steps. A state another model made
 * (the model of the signal was replaced, say by a retrained one of the same size) or one that names no model (read
 * from an older store) is not carried on: a new segment starts at the step, keeping the history, the alert states
 * and the scoring of the forecast made for the step.
 *
 * <p>Signal quality: a bad step (and a sensor-off marker) only updates the quality state and the alert states (the
 * SENSOR kind); it is not scored, not added to the history and counts as a missing step for the gap rule. Good
 * steps while a SENSOR alert is open still join the history and are scored; only the clinical alert kinds are frozen.
 */
public final class SeriesUpdater {
    private final AlertSettings settings;
    private final OnlineLearning online;

    /** An updater with the default online learning (interval calibration and forecast adaptation). */
    public SeriesUpdater(AlertSettings settings) {
        this(settings, OnlineLearning.DEFAULT);
    }

    /** @param online how each series learns its patient on top of the population model */
    public SeriesUpdater(AlertSettings settings, OnlineLearning online) {
        this.settings = settings;
        this.online = online;
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
     * @param absoluteError |actual - forecast| of the forecast published
     * @param covered       whether the actual value was inside the interval, or null while uncalibrated
     * @param rawError      actual minus the model's own forecast, before the series' online adaptation
     * @param adapted       whether the online adaptation changed the forecast scored
     */
    public record HorizonScore(int horizon, double absoluteError, Boolean covered, double rawError, boolean adapted) {
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
        long lastJudgedMs = Math.max(state.steps().lastStepMs(), state.quality().lastTimeMs());
        if (!step.isSensorOff() && lastJudgedMs >= 0 && step.timeMs() <= lastJudgedMs) {
            return new Update(state, null, List.of(), true, List.of());
        }
        long missingSinceJudged = spec.isEventDriven() || lastJudgedMs < 0 ? 0
            : (step.timeMs() - lastJudgedMs) / stepMs - 1;
        QualityStatus quality = state.quality().judge(step, spec, missingSinceJudged);
        AlertPolicy policy = settings.policyOf(step.signal());
        List<AlertEvent> alerts = new ArrayList<>();
        if (quality.problem() != null) {
            StepFacts facts = facts(step, spec, policy, state, quality, null, null);
            AlertStates nextAlerts = AlertEngine.apply(state.alerts(), facts, alerting, alerts);
            return new Update(state.afterBadStep(quality, nextAlerts), null, alerts, false, List.of());
        }

        Continuation gap = Continuation.of(state.steps(), step, spec);
        boolean scorable = gap.continuous() && state.forecasts().hasPending();
        RecentForecasts recent = scorable ? state.forecasts() : RecentForecasts.none();
        List<HorizonScore> scores = scores(recent, step.value());
        OnlineCalibration calibration = calibrated(state.intervals(), scores, model, online.calibrationRate());
        boolean adapting = online.adaptForecasts() && model.adaptsToPatient();
        OnlineAdaptation adaptation = adapting ? adapted(scorable ? state.adaptation()
            : state.adaptation().withoutOrigins(), scores, model, step.value()) : OnlineAdaptation.none();
        Residuals residuals = state.residuals();
        StepFacts.Scoring scoring = null;
        if (scorable) {
            int k = deviationRow(recent, policy.deviationHorizonStep());
            double expected = k < 0 ? recent.pending()[0] : recent.rows()[k][k];
            double halfWidth = k < 0 ? recent.pendingHalfWidths()[0] : recent.halfWidthRows()[k][k];
            scoring = new StepFacts.Scoring(expected, AnomalyScore.scale(halfWidth, residuals.meanAbsolute(),
                residuals.count(), policy.warmUpSteps()));
            residuals = residuals.add(step.value() - expected);
        }

        double[] appended = append(gap.history(), step.value(), model.historyLength());
        if (adapting) {
            double[] before = gap.history();
            adaptation = adaptation.follow(before.length == 0 ? Double.NaN : before[before.length - 1], step.value());
        }
        long segmentSteps = (gap.restart() ? 0 : state.steps().segmentSteps()) + gap.filled() + 1;
        ModelMemory memory = ModelMemory.none();
        if (model instanceof RecurrentModel recurrent) {
            double[] stored = !gap.restart() && recurrent.owns(state.model().state(), state.model().fingerprint())
                ? state.model().state() : null;
            if (stored == null) {
                segmentSteps = gap.filled() + 1;
            }
            memory = new ModelMemory(advance(recurrent, stored, gap.history(), gap.filled(), step.value()),
                model.fingerprint());
        }
        boolean ready = model instanceof RecurrentModel ? segmentSteps >= model.window()
            : appended.length >= model.window();
        Made made = ready ? made(step, spec, model, memory, appended, residuals, calibration, adaptation, adapting,
            recent) : new Made(null, null, new RecentForecasts(null, null, recent.rows(), recent.halfWidthRows(),
                recent.offsetRows()), adaptation);
        AlertStates nextAlerts = AlertEngine.apply(state.alerts(),
            facts(step, spec, policy, state, quality, scoring, made.facts()), alerting, alerts);
        SeriesState next = new SeriesState(new StepHistory(appended, step.timeMs(), segmentSteps), made.next(),
            residuals, memory, nextAlerts, quality, calibration, made.adaptation());
        return new Update(next, made.record(), alerts, false, scores);
    }

    /**
     * The forecast made at a step, three ways.
     *
     * @param record the forecast record to publish, or null when none is made
     * @param facts  the forecast as the alert rules see it, or null
     * @param next       the recent forecasts to store
     * @param adaptation the series' adaptation, with the features of this origin kept when a forecast is made
     */
    private record Made(ForecastRecord record, StepFacts.Forecast facts, RecentForecasts next,
                        OnlineAdaptation adaptation) {
    }

    /** The model's forecast with the series' adaptation added, its calibrated intervals, and the forecasts to keep. */
    private static Made made(StepValue step, SignalSpec spec, OnlineModel model, ModelMemory memory,
                             double[] appended, Residuals residuals, OnlineCalibration calibration,
                             OnlineAdaptation adaptation, boolean adapting, RecentForecasts recent) {
        double[] raw = model instanceof RecurrentModel recurrent ? recurrent.forecast(memory.state(), appended)
            : ((WindowModel) model).forecast(appended);
        double[] features = adaptation.features(appended);
        double[] offsets = adaptation.offsets(raw, features, step.value());
        double[] values = raw.clone();
        boolean adjusted = false;
        for (int h = 0; h < values.length; h++) {
            values[h] += offsets[h];
            adjusted |= offsets[h] != 0;
        }
        double[] prior = model.intervals().halfWidths(memory.state(), residuals.meanAbsolute(), residuals.count());
        double[] widths = model.intervals().calibratesOnline() ? calibration.widen(prior) : prior;
        long[] times = pointTimesMs(step.timeMs(), spec, values);
        return new Made(forecastRecord(step, spec, model, values, widths, times),
            new StepFacts.Forecast(values, widths, model.intervals().level(), times),
            new RecentForecasts(values, widths, prepend(recent.rows(), values, model.horizon()),
                prepend(recent.halfWidthRows(), widths, model.horizon()),
                prepend(recent.offsetRows(), adjusted ? offsets : null, model.horizon())),
            adapting ? adaptation.withOrigin(features, step.value(), model.horizon()) : adaptation);
    }

    private StepFacts facts(StepValue step, SignalSpec spec, AlertPolicy policy, SeriesState before,
                            QualityStatus quality, StepFacts.Scoring scoring, StepFacts.Forecast forecast) {
        return new StepFacts(step.subject(), spec.unit(), policy, settings.limitsOf(step.signal()), spec.quality(),
            quality.problem(), before.quality().tracker().lastValue(), scoring, forecast);
    }

    /**
     * How a step continues the stored history: directly, across a gap filled by interpolation, or after a gap too
     * long to fill (a restart).
     *
     * @param history    the stored values, with any filled steps appended
     * @param filled     steps filled in
     * @param restart    whether the history restarts at this step
     * @param continuous whether the step directly follows the stored one (only then is a forecast scored)
     */
    private record Continuation(double[] history, int filled, boolean restart, boolean continuous) {
        static Continuation of(StepHistory steps, StepValue step, SignalSpec spec) {
            double[] history = steps.values();
            if (spec.isEventDriven() || steps.lastStepMs() < 0) {
                return new Continuation(history, 0, false, true);
            }
            long missing = (step.timeMs() - steps.lastStepMs()) / spec.step().toMillis() - 1;
            if (missing > spec.maxGapSteps()) {
                return new Continuation(new double[0], 0, true, false);
            }
            if (missing > 0) {
                return new Continuation(interpolate(history, step.value(), (int) missing),
                    history.length == 0 ? 0 : (int) missing, false, false);
            }
            return new Continuation(history, 0, false, true);
        }
    }

    /**
     * The row of the forecast a DEVIATION measures the step from: made {@code horizonStep} steps before, or the
     * longest ago there is for this step (the model's horizon, the forecasts made since a gap); -1 for the pending
     * forecast alone (a state written without its rows).
     */
    private static int deviationRow(RecentForecasts recent, int horizonStep) {
        double[][] rows = recent.rows();
        double[][] widths = recent.halfWidthRows();
        int k = Math.min(horizonStep, Math.min(rows.length, widths.length)) - 1;
        while (k >= 0 && (k >= rows[k].length || k >= widths[k].length)) {
            k--;
        }
        return k;
    }

    /** The forecasts made 1..H steps ago, scored against the step's value. */
    private static List<HorizonScore> scores(RecentForecasts recent, double value) {
        List<HorizonScore> scores = new ArrayList<>();
        double[][] rows = recent.rows();
        double[][] widths = recent.halfWidthRows();
        for (int k = 0; k < rows.length; k++) {
            if (k < rows[k].length) {
                double error = Math.abs(value - rows[k][k]);
                double width = widths[k][k];
                double offset = recent.offset(k, k);
                scores.add(new HorizonScore(k + 1, error, Double.isFinite(width) ? error <= width : null,
                    value - (rows[k][k] - offset), offset != 0));
            }
        }
        return scores;
    }

    /** The series' interval calibration after the steps scored now (a model whose band is a rule is left as it is). */
    private static OnlineCalibration calibrated(OnlineCalibration calibration, List<HorizonScore> scores,
                                                OnlineModel model, double rate) {
        if (!model.intervals().calibratesOnline() || rate == 0) {
            return calibration;
        }
        if (scores.isEmpty()) {
            return calibration;
        }
        Boolean[] covered = new Boolean[scores.get(scores.size() - 1).horizon()];
        for (HorizonScore score : scores) {
            covered[score.horizon() - 1] = score.covered();
        }
        return calibration.observe(covered, model.intervals().level(), rate);
    }

    /** The series' forecast adaptation after the model's raw errors scored now. */
    private static OnlineAdaptation adapted(OnlineAdaptation adaptation, List<HorizonScore> scores,
                                            OnlineModel model, double actual) {
        if (!model.adaptsToPatient() || scores.isEmpty()) {
            return adaptation;
        }
        double[] rawErrors = new double[scores.get(scores.size() - 1).horizon()];
        java.util.Arrays.fill(rawErrors, Double.NaN);
        for (HorizonScore score : scores) {
            rawErrors[score.horizon() - 1] = score.rawError();
        }
        return adaptation.observe(rawErrors, actual);
    }

    /**
     * Advances a recurrent model over the {@code filled} interpolated steps at the end of {@code history}, then the
     * new value; from a null state (a new segment) the first of them starts the segment.
     */
    private static double[] advance(RecurrentModel model, double[] stored, double[] history, int filled,
                                    double value) {
        double[] modelState = stored;
        double previous = stored == null ? Double.NaN : history[history.length - filled - 1];
        for (int i = history.length - filled; i < history.length; i++) {
            modelState = model.advance(modelState, previous, history[i]);
            previous = history[i];
        }
        return model.advance(modelState, previous, value);
    }

    /** The time each horizon step is forecast for; an event-driven signal's from the forecast intervals. */
    private static long[] pointTimesMs(long timeMs, SignalSpec spec, double[] values) {
        long[] times = new long[values.length];
        long time = timeMs;
        for (int h = 0; h < values.length; h++) {
            time += spec.isEventDriven() ? Math.round(Math.max(values[h], 0) * 1000) : spec.step().toMillis();
            times[h] = time;
        }
        return times;
    }

    private static ForecastRecord forecastRecord(StepValue step, SignalSpec spec, OnlineModel model,
                                                 double[] values, double[] halfWidths, long[] timesMs) {
        List<ForecastRecord.ForecastPoint> points = new ArrayList<>(values.length);
        boolean anyInterval = false;
        for (int h = 0; h < values.length; h++) {
            double width = halfWidths[h];
            boolean calibrated = Double.isFinite(width);
            anyInterval |= calibrated;
            String unit = spec.unit();
            points.add(new ForecastRecord.ForecastPoint(Instant.ofEpochMilli(timesMs[h]),
                Resolution.round(unit, values[h]), calibrated ? Resolution.round(unit, values[h] - width) : null,
                calibrated ? Resolution.round(unit, values[h] + width) : null));
        }
        return new ForecastRecord(step.patientId(), step.signal(), spec.unit(), Instant.ofEpochMilli(step.timeMs()),
            spec.isEventDriven() ? null : spec.step().toMillis(), model.info(), points,
            anyInterval ? model.intervals().level() : null);
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
