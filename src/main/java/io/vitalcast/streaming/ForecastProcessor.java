package io.vitalcast.streaming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertEvent;
import io.vitalcast.alerting.PatientAlertBudget;
import io.vitalcast.data.SeriesKey;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.ForecastRecord;
import io.vitalcast.series.OpenSteps;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SeriesUpdater;
import io.vitalcast.series.SourceRecord;
import io.vitalcast.series.StepValue;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The series processor: windows each fixed-step series by its own clock ({@link OpenSteps}, in a small store of
 * their own, written on every reading), keeps the state of every series (patient and signal) in a persistent,
 * changelogged store and applies the {@link SeriesUpdater} to each closed step, each reading of an event-driven
 * signal and each sensor-off marker, forwarding forecasts, alert events and LATE rejections, all keyed by patient id
 * and timed by the wall clock (the event time is in each record), and counting every reading it takes or refuses.
 * A wall-clock punctuation closes the steps of series that have fallen silent ({@link OpenSteps#closeIdle}). The
 * alert policy sees the patient's acknowledgements (written by {@link AckProcessor}) and hourly alert budget, kept in
 * stores of their own; an acknowledgement is forgotten when its alert resolves.
 */
final class ForecastProcessor implements Processor<String, ParseResult, String, TopologyOutput> {
    static final String STORE = "series-state";
    /** The open steps and clock of every fixed-step series. */
    static final String STEPS_STORE = "series-steps";
    /** How often the steps of silent series are looked at, in wall-clock time. */
    static final Duration CLOSE_CHECK = Duration.ofSeconds(5);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ForecastProcessor.class);
    static final String BUDGET_STORE = "alert-budget";

    private final Map<String, SignalSpec> signals;
    private final ModelRegistry models;
    private final SeriesUpdater updater;
    private final VitalcastMetrics metrics;
    private final int maxAlertsPerPatientHour;
    private KeyValueStore<String, Acknowledgement> acks;
    private KeyValueStore<String, PatientAlertBudget> budgets;
    private ProcessorContext<String, TopologyOutput> context;
    private KeyValueStore<SeriesKey, SeriesState> store;
    private KeyValueStore<SeriesKey, OpenSteps> openSteps;
    /**
     * The open steps this processor last wrote per series, the same values as the store holds, so that a reading
     * does not read back and deserialise what the reading before it wrote (at monitor rate, dozens of readings a
     * step). Emptied at every {@link #init}, which follows any restoration of the store.
     */
    private final Map<SeriesKey, OpenSteps> written = new HashMap<>();
    private final long graceMs;
    private final int maxOriginalBytes;
    /** The input record of the last rejection, whose original the next rejections of the same record leave out. */
    private SourceRecord lastRejected;

    ForecastProcessor(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics) {
        this.signals = settings.signals();
        this.models = models;
        this.updater = new SeriesUpdater(settings.alerting(), settings.online());
        this.metrics = metrics;
        this.maxAlertsPerPatientHour = settings.maxAlertsPerPatientHour();
        this.graceMs = settings.grace().toMillis();
        this.maxOriginalBytes = settings.input().maxOriginalBytes();
    }

    @Override
    public void init(ProcessorContext<String, TopologyOutput> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.acks = context.getStateStore(AckProcessor.STORE);
        this.budgets = context.getStateStore(BUDGET_STORE);
        this.openSteps = context.getStateStore(STEPS_STORE);
        written.clear();
        context.schedule(CLOSE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::closeSilentSeries);
    }

    @Override
    public void process(Record<String, ParseResult> record) {
        ParseResult result = record.value();
        if (result.isRejected()) {
            RejectedReading off = result.rejected();
            apply(StepValue.sensorOff(off.patientId(), off.signal(), off.timestamp(), new SourceRecord(
                off.sourceTopic(), off.partition(), off.offset(), off.timestamp(), null, null)));
            return;
        }
        ReadingEvent reading = result.reading();
        SignalSpec spec = signals.get(reading.signal());
        if (spec.isEventDriven()) {
            boolean taken = apply(new StepValue(reading.patientId(), reading.signal(), reading.timestampMs(),
                reading.value(), 1, reading.source()));
            metrics.reading(reading.signal(), taken);
            return;
        }
        SeriesKey key = new SeriesKey(reading.patientId(), reading.signal());
        OpenSteps open = written.get(key);
        if (open == null) {
            open = openSteps.get(key);
        }
        long stepMs = spec.step().toMillis();
        OpenSteps.Outcome outcome = (open == null ? OpenSteps.NONE : open).admit(reading.patientId(),
            reading.signal(), reading.timestampMs(), reading.value(), reading.source(), stepMs, graceMs,
            context.currentSystemTimeMs());
        if (outcome.late()) {
            metrics.reading(reading.signal(), false);
            long end = reading.timestampMs() - Math.floorMod(reading.timestampMs(), stepMs) + stepMs;
            reject(reading.patientId(), reading.signal(), reading.source(), "reading at "
                + java.time.Instant.ofEpochMilli(reading.timestampMs()) + " arrived after its step closed (step end "
                + java.time.Instant.ofEpochMilli(end) + " + grace " + graceMs + " ms; its series is at "
                + java.time.Instant.ofEpochMilli(open.clockMs()) + ")");
            return;
        }
        metrics.reading(reading.signal(), true);
        writeOpenSteps(key, outcome.next());
        for (StepValue step : outcome.closed()) {
            apply(step);
        }
    }

    /** Closes the steps of the fixed-step series that have been silent long enough for their clock to pass them. */
    private void closeSilentSeries(long wallMs) {
        List<KeyValue<SeriesKey, OpenSteps.Outcome>> closing = new ArrayList<>();
        try (KeyValueIterator<SeriesKey, OpenSteps> all = openSteps.all()) {
            while (all.hasNext()) {
                KeyValue<SeriesKey, OpenSteps> entry = all.next();
                SignalSpec spec = signals.get(entry.key.signal());
                if (spec == null || spec.isEventDriven() || entry.value.steps().isEmpty()) {
                    continue;
                }
                OpenSteps.Outcome outcome = entry.value.closeIdle(entry.key.patientId(), entry.key.signal(), wallMs,
                    spec.step().toMillis(), graceMs);
                if (!outcome.closed().isEmpty()) {
                    closing.add(KeyValue.pair(entry.key, outcome));
                }
            }
        }
        for (KeyValue<SeriesKey, OpenSteps.Outcome> series : closing) {
            writeOpenSteps(series.key, series.value.next());
            for (StepValue step : series.value.closed()) {
                closeSilentStep(step);
            }
        }
    }

    private void writeOpenSteps(SeriesKey key, OpenSteps steps) {
        openSteps.put(key, steps);
        written.put(key, steps);
    }

    /**
     * Applies a step the punctuation closed. No input record is being processed, so Kafka Streams' processing
     * exception handler does not see an exception here, and the thread that died of it would meet the same step at
     * every restart: a step that throws is set aside on the rejected topic as {@code PROCESSING_ERROR} (with the
     * source of its last reading), counted and logged (never with the patient id), and the punctuation goes on.
     */
    private void closeSilentStep(StepValue step) {
        try {
            apply(step);
        } catch (RuntimeException e) {
            String problem = ErrorHandling.describe(e);
            LOG.error("closing a silent series' step (last reading {}-{}@{}) failed with {}; it goes to the rejected "
                + "topic as PROCESSING_ERROR (a bug: please report it)", step.source().topic(),
                step.source().partition(), step.source().offset(), problem);
            metrics.processingError("processing", "rejected");
            metrics.rejected(RejectReason.PROCESSING_ERROR.name());
            forward(step.patientId(), new TopologyOutput.Rejection(RejectedReading.of(RejectReason.PROCESSING_ERROR,
                "closing the step at " + java.time.Instant.ofEpochMilli(step.timeMs()) + " failed with " + problem,
                step.patientId(), step.signal(), step.source(), maxOriginalBytes)));
        }
    }

    private void reject(String patientId, String signal, SourceRecord source, String detail) {
        metrics.rejected(RejectReason.LATE.name());
        RejectedReading rejected = RejectedReading.of(RejectReason.LATE, detail, patientId, signal, source,
            maxOriginalBytes);
        if (lastRejected != null && lastRejected.partition() == source.partition()
            && lastRejected.offset() == source.offset() && lastRejected.topic().equals(source.topic())) {
            rejected = rejected.withoutOriginal();
        }
        lastRejected = source;
        forward(patientId, new TopologyOutput.Rejection(rejected));
    }

    private void forward(String patientId, TopologyOutput output) {
        context.forward(new Record<>(patientId, output, context.currentSystemTimeMs()));
    }

    /** Applies one step to its series; false when the series refused it as LATE. */
    private boolean apply(StepValue step) {
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
        if (update.late()) {
            reject(step.patientId(), step.signal(), step.source(), "step at "
                + java.time.Instant.ofEpochMilli(step.timeMs()) + " is not after the last step of its series at "
                + java.time.Instant.ofEpochMilli(state.steps().lastStepMs()));
            return false;
        }
        store.put(seriesKey, update.state());
        long previousMs = Math.max(state.steps().lastStepMs(), state.quality().lastTimeMs());
        metrics.monitored(step.signal(), previousMs < 0 ? Double.NaN : (step.timeMs() - previousMs) / 1000.0);
        if (alerting.budgetChanged()) {
            budgets.put(patient, alerting.budget());
        }
        for (String resolved : alerting.resolved()) {
            acks.delete(StoreKeys.alert(patient, resolved));
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
            forward(patient, new TopologyOutput.Forecast(update.forecast()));
        }
        for (AlertEvent alert : update.alerts()) {
            metrics.alert(alert.signal(), alert.kind().name(), alert.severity().name(), alert.state().name());
            forward(patient, new TopologyOutput.Alert(alert));
        }
        return true;
    }
}
