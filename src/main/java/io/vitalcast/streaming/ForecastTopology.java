package io.vitalcast.streaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.PatientAlertBudget;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.series.SourceRecord;
import io.vitalcast.series.StepValue;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * The production topology, a pure function of its settings and models: readings in, forecasts, alerts and rejections
 * out. {@link #build} does no I/O and registers no meters; the runner loads the models and declares the meters
 * ({@link #declareMeters}) before it starts the topology.
 * <pre>
 * readings -> parse-readings (parse, validate, LATE for a closed step) -> route-
 *          -> rejected: vitals.rejected (and SENSOR_OFF ones as dropout markers, below)
 *          -> by signal: fixed step: tumbling event-time window of the signal's step, emitted on close
 *                        event-driven: each reading is a step
 *          -> forecast-steps (stores series-state, alert-acks, alert-budget, open-alerts)
 *                                                    -> vitals.forecasts / vitals.alerts / vitals.rejected
 * alert-acks -> record-acks (stores alert-acks, series-state, open-alerts) -> (invalid -> vitals.rejected)
 * SENSOR_OFF rejections -> sensor-off-marker -> forecast-steps (a dropout for the signal-quality rules)
 * </pre>
 * The acknowledgement processor and the forecasting processor share stores, so Kafka Streams puts them in one
 * sub-topology: the readings and acks topics must have the same partition count (both keyed by patient id), and an
 * acknowledgement reaches the task that holds the patient's series.
 * The step windows live in changelogged in-memory window stores (only the open windows of each series: a persistent
 * store would open and drop a RocksDB segment for every minute of event time, which dominated catch-up and replay);
 * the per-series forecasting state is in a persistent (RocksDB) store. A closed window reaches the forecaster through
 * a suppression buffer, not through the aggregation's own {@code EmitStrategy.onWindowClose()}: that was measured
 * 17% faster, but it reads the closed windows back from the window store after the record that closed them was
 * stored, so a jump of stream time beyond the store's retention (a monitor with a wrong clock, a partition silent for
 * hours) evicts the open windows of every series before they are emitted, and their steps are lost without a word.
 * Input records are keyed by patient id and the key never changes, so nothing is repartitioned: a patient's steps
 * are processed in order by one task, and every output is keyed by patient id. Every processor and store is named.
 * Tests build exactly this topology through the same method.
 */
public final class ForecastTopology {
    private ForecastTopology() {
    }

    /** The topology of these settings, forecasting with these models and counting into these meters. */
    public static Topology build(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics) {
        TopicDefinitions topics = TopicDefinitions.of(settings.topics());
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, ParseResult>> routes = parseAndRoute(builder, settings, topics, metrics);
        KStream<String, ParseResult> rejected = routes.get("route-rejected");
        rejected.mapValues(ParseResult::rejected, Named.as("parse-rejection"))
            .to(topics.rejected().name(), topics.rejected().produced("write-parse-rejections"));

        List<KStream<String, StepValue>> steps = new ArrayList<>();
        for (SignalSpec spec : settings.signals().values()) {
            KStream<String, ParseResult> readings = routes.get("route-" + spec.name());
            steps.add(spec.isEventDriven() ? eventSteps(readings, spec) : windowedSteps(readings, spec, settings));
        }
        steps.add(sensorOffMarkers(rejected, settings));
        KStream<String, StepValue> allSteps = steps.get(0);
        for (int i = 1; i < steps.size(); i++) {
            allSteps = allSteps.merge(steps.get(i), Named.as("merge-steps-" + i));
        }

        addStores(builder);
        KStream<String, TopologyOutput> outputs = allSteps.process(
            () -> new ForecastProcessor(settings, models, metrics), Named.as("forecast-steps"),
            ForecastProcessor.STORE, AckProcessor.STORE, ForecastProcessor.BUDGET_STORE,
            ForecastProcessor.OPEN_ALERTS_STORE);
        KStream<String, TopologyOutput> ackRejections = builder
            .stream(topics.alertAcks().name(), topics.alertAcks().consumed("read-acks"))
            .process(() -> new AckProcessor(settings.input(), metrics), Named.as("record-acks"), AckProcessor.STORE,
                ForecastProcessor.STORE, ForecastProcessor.OPEN_ALERTS_STORE);
        ackRejections.mapValues(out -> ((TopologyOutput.Rejection) out).rejected(), Named.as("ack-rejection"))
            .to(topics.rejected().name(), topics.rejected().produced("write-ack-rejections"));
        writeOutputs(outputs, topics);
        return builder.build();
    }

    /**
     * Declares what the topology's meters report before the first record (the model in use per signal, every
     * counter at zero), so that dashboards and alert rules see zero rather than nothing.
     */
    public static void declareMeters(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics) {
        for (String signal : settings.signals().keySet()) {
            ModelInfo info = models.modelOf(signal).info();
            metrics.modelInUse(signal, info.name(), info.version(), info.kind());
        }
        metrics.declare(settings.signals().keySet(), names(QualityProblem.values()), names(AlertKind.values()),
            AlertContext.SUPPRESSION_REASONS, names(Acknowledgement.Action.values()));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** Parses the readings and splits them: the rejected ones, and the valid ones of each signal. */
    private static Map<String, KStream<String, ParseResult>> parseAndRoute(StreamsBuilder builder,
                                                                          StreamingSettings settings,
                                                                          TopicDefinitions topics,
                                                                          VitalcastMetrics metrics) {
        ReadingParser parser = new ReadingParser(settings.signals(), settings.input());
        KStream<String, ParseResult> parsed = builder
            .stream(topics.readings().name(), topics.readings().consumed("read-readings"))
            .processValues(() -> new ParseProcessor(parser, settings.signals(), settings.grace().toMillis(),
                settings.input().maxOriginalBytes(), metrics), Named.as("parse-readings"));
        BranchedKStream<String, ParseResult> routes = parsed.split(Named.as("route-"))
            .branch((key, result) -> result.isRejected(), Branched.as("rejected"));
        for (String signal : settings.signals().keySet()) {
            routes = routes.branch((key, result) -> result.reading().signal().equals(signal), Branched.as(signal));
        }
        return routes.noDefaultBranch();
    }

    /** An event-driven signal: every reading is a step. */
    private static KStream<String, StepValue> eventSteps(KStream<String, ParseResult> readings, SignalSpec spec) {
        return readings.mapValues(result -> {
            ReadingEvent r = result.reading();
            return new StepValue(r.patientId(), r.signal(), r.timestampMs(), r.value(), 1, r.source());
        }, Named.as("event-step-" + spec.name()));
    }

    /** A fixed-step signal: the readings of each step window, averaged and emitted once the window closes. */
    private static KStream<String, StepValue> windowedSteps(KStream<String, ParseResult> readings, SignalSpec spec,
                                                            StreamingSettings settings) {
        return readings
            .groupByKey(Grouped.with("group-" + spec.name(), Serdes.String(), new JsonSerde<>(ParseResult.class)))
            .windowedBy(TimeWindows.ofSizeAndGrace(spec.step(), settings.grace()))
            .aggregate(StepAccumulator::empty, (key, result, acc) -> acc.add(result.reading()),
                Named.as("window-" + spec.name()),
                Materialized.<String, StepAccumulator>as(Stores.inMemoryWindowStore("steps-" + spec.name(),
                        spec.step().plus(settings.grace()), spec.step(), false))
                    .withKeySerde(Serdes.String()).withValueSerde(new StepAccumulatorSerde()))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                .withName("close-" + spec.name()))
            .toStream(Named.as("closed-" + spec.name()))
            .map((window, acc) -> KeyValue.pair(window.key(), acc.toStep(window.window().start())),
                Named.as("step-" + spec.name()));
    }

    /** Sensor-off readings of a configured signal, as dropout markers for the signal-quality rules. */
    private static KStream<String, StepValue> sensorOffMarkers(KStream<String, ParseResult> rejected,
                                                               StreamingSettings settings) {
        return rejected.filter((key, result) -> result.rejected().reason() == RejectReason.SENSOR_OFF
                && result.rejected().patientId() != null
                && settings.signals().containsKey(result.rejected().signal()), Named.as("sensor-off"))
            .mapValues(result -> {
                RejectedReading r = result.rejected();
                return StepValue.sensorOff(r.patientId(), r.signal(), r.timestamp(), new SourceRecord(r.sourceTopic(),
                    r.partition(), r.offset(), r.timestamp(), null, null));
            }, Named.as("sensor-off-marker"));
    }

    private static void addStores(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ForecastProcessor.STORE),
            new SeriesKeySerde(), new SeriesStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AckProcessor.STORE),
            Serdes.String(), new JsonSerde<>(Acknowledgement.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ForecastProcessor.BUDGET_STORE), Serdes.String(),
            new JsonSerde<>(PatientAlertBudget.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ForecastProcessor.OPEN_ALERTS_STORE), Serdes.String(), Serdes.String()));
    }

    /** Routes each output of the forecasting processor to its topic. */
    private static void writeOutputs(KStream<String, TopologyOutput> outputs, TopicDefinitions topics) {
        outputs.filter((key, out) -> out instanceof TopologyOutput.Forecast, Named.as("forecasts"))
            .mapValues(out -> ((TopologyOutput.Forecast) out).record(), Named.as("forecast-record"))
            .to(topics.forecasts().name(), topics.forecasts().produced("write-forecasts"));
        outputs.filter((key, out) -> out instanceof TopologyOutput.Alert, Named.as("alerts"))
            .mapValues(out -> ((TopologyOutput.Alert) out).event(), Named.as("alert-event"))
            .to(topics.alerts().name(), topics.alerts().produced("write-alerts"));
        outputs.filter((key, out) -> out instanceof TopologyOutput.Rejection, Named.as("step-rejected"))
            .mapValues(out -> ((TopologyOutput.Rejection) out).rejected(), Named.as("step-rejection"))
            .to(topics.rejected().name(), topics.rejected().produced("write-step-rejections"));
    }
}
