package io.vitalcast.streaming;

import java.time.Duration;
import java.util.Map;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.AlertState;
import io.vitalcast.alerting.PatientAlertBudget;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.ForecastRecord;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SeriesUpdater;
import io.vitalcast.series.StepValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the state of every series (patient and signal) in a persistent, changelogged store and applies the
 * {@link SeriesUpdater} to each new step (and sensor-off marker), forwarding forecasts, alert events and LATE
 * rejections, all keyed by patient id, and counting signal-quality problems per signal. The alert policy sees the
 * patient's acknowledgements (written by {@link AckProcessor}) and hourly alert budget, kept in stores of their own;
 * an acknowledgement is forgotten when its alert resolves.
 */
final class ForecastProcessor implements Processor<String, StepValue, String, TopologyOutput> {
    static final String STORE = "series-state";
    static final String BUDGET_STORE = "alert-budget";
    /** The open alerts of every patient (key {@link StoreKeys#alert}, value the alert kind), for acknowledgements. */
    static final String OPEN_ALERTS_STORE = "open-alerts";

    private final Map<String, SignalSpec> signals;
    private final ModelRegistry models;
    private final SeriesUpdater updater;
    private final VitalcastMetrics metrics;
    private final int maxAlertsPerPatientHour;
    private KeyValueStore<String, Acknowledgement> acks;
    private KeyValueStore<String, PatientAlertBudget> budgets;
    private KeyValueStore<String, String> openAlerts;
    private ProcessorContext<String, TopologyOutput> context;
    private KeyValueStore<SeriesKey, SeriesState> store;

    ForecastProcessor(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics) {
        this.signals = settings.signals();
        this.models = models;
        this.updater = new SeriesUpdater(settings.alerting(), settings.online());
        this.metrics = metrics;
        this.maxAlertsPerPatientHour = settings.maxAlertsPerPatientHour();
    }

    @Override
    public void init(ProcessorContext<String, TopologyOutput> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.acks = context.getStateStore(AckProcessor.STORE);
        this.budgets = context.getStateStore(BUDGET_STORE);
        this.openAlerts = context.getStateStore(OPEN_ALERTS_STORE);
    }

    @Override
    public void process(Record<String, StepValue> record) {
        StepValue step = record.value();
        SeriesKey seriesKey = new SeriesKey(step.patientId(), step.signal());
        SeriesState state = store.get(seriesKey);
        if (state == null) {
            state = SeriesState.empty();
        }
        OnlineModel model = models.modelOf(step.signal());
        long started = System.nanoTime();
        String patient = step.patientId();
        PatientAlertBudget budget = maxAlertsPerPatientHour > 0 ? budgets.get(patient) : null;
        AlertContext alerting = new AlertContext(id -> acks.get(StoreKeys.alert(patient, id)),
            budget == null ? PatientAlertBudget.empty() : budget, maxAlertsPerPatientHour);
        SeriesUpdater.Update update = updater.apply(state, step, signals.get(step.signal()), model, alerting);
        boolean eventDriven = signals.get(step.signal()).isEventDriven() && !step.isSensorOff();
        if (update.late()) {
            metrics.rejected(RejectReason.LATE.name());
            if (eventDriven) {
                metrics.reading(step.signal(), false);
            }
            context.forward(record.withValue(new TopologyOutput.Rejection(RejectedReading.of(RejectReason.LATE,
                "step at " + java.time.Instant.ofEpochMilli(step.timeMs()) + " is not after the last step of its "
                    + "series at " + java.time.Instant.ofEpochMilli(state.steps().lastStepMs()), step.patientId(),
                step.signal(), step.source()))));
            return;
        }
        if (eventDriven) {
            metrics.reading(step.signal(), true);
        }
        store.put(seriesKey, update.state());
        if (alerting.budgetChanged()) {
            budgets.put(patient, alerting.budget());
        }
        for (String resolved : alerting.resolved()) {
            acks.delete(StoreKeys.alert(patient, resolved));
            openAlerts.delete(StoreKeys.alert(patient, resolved));
        }
        for (AlertContext.Suppression suppression : alerting.suppressions()) {
            metrics.alertSuppressed(suppression.kind().name(), suppression.reason());
        }
        if (update.state().quality().problem() != null) {
            metrics.qualityProblem(step.signal(), update.state().quality().problem().name());
        }
        if (!step.isSensorOff()) {
            metrics.watchedValue(step.patientId(), step.signal(), step.value());
        }
        for (SeriesUpdater.HorizonScore score : update.scores()) {
            metrics.error(step.signal(), score.horizon(), score.absoluteError());
            metrics.populationError(step.signal(), score.horizon(), Math.abs(score.rawError()), score.adapted());
            if (score.covered() != null) {
                metrics.coverage(step.signal(), score.horizon(), score.covered());
            }
        }
        if (update.forecast() != null) {
            metrics.inference(step.signal(), System.nanoTime() - started);
            metrics.forecast(step.signal(), model.info().kind());
            metrics.latency(step.signal(), Duration.ofMillis(System.currentTimeMillis() - step.timeMs()));
            ForecastRecord.ForecastPoint first = update.forecast().points().get(0);
            metrics.watchedForecast(step.patientId(), step.signal(), first.value(), first.lower(), first.upper());
            context.forward(record.withValue(new TopologyOutput.Forecast(update.forecast())));
        }
        for (AlertEvent alert : update.alerts()) {
            if (alert.state() == AlertState.OPEN) {
                openAlerts.put(StoreKeys.alert(patient, alert.alertId()), alert.kind().name());
            }
            metrics.alert(alert.kind().name(), alert.severity().name(), alert.state().name());
            context.forward(record.withValue(new TopologyOutput.Alert(alert)));
        }
    }
}
