package io.vitalcast.streaming;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.vitalcast.alerting.Acknowledgement;
import io.vitalcast.alerting.AlertContext;
import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.PatientAlertBudget;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.quality.QualityProblem;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The production topology, a pure function of its settings and models: readings in, forecasts, alerts and rejections
 * out. {@link #build} does no I/O and registers no meters; the runner loads the models and declares the meters
 * ({@link #declareMeters}) before it starts the topology.
 * <pre>
 * readings -> parse-readings (parse, validate) -> rejected: vitals.rejected
 *          -> valid readings and SENSOR_OFF markers -> forecast-steps, the series processor:
 *               fixed step: windowed by the series' own clock (store series-steps), each closed step forecast
 *               event-driven: each reading is a step
 *               (stores series-state, alert-acks, alert-budget)
 *                                                    -> vitals.forecasts / vitals.alerts / vitals.rejected (LATE)
 * alert-acks -> parse-acks -> (invalid -> vitals.rejected)
 *            -> acks-by-patient (repartition by patient id, whatever partitioner the producer used)
 *            -> record-acks (stores alert-acks, series-state) -> ACKNOWLEDGED / SNOOZED on vitals.alerts,
 *                                                                             UNKNOWN_ALERT on vitals.rejected
 * </pre>
 * The acknowledgement processor and the series processor share stores, so Kafka Streams puts them in one
 * sub-topology; acknowledgements are repartitioned by patient id with the partitioner Java producers use for the
 * readings (murmur2 of the key), so an acknowledgement from any client (kcat and librdkafka hash keys with CRC32)
 * reaches the task that holds the patient's series. The readings and acks topics must have the same partition
 * count, which the repartition topic inherits.
 * The steps are windowed inside the series processor rather than by Kafka Streams windows, whose close follows the
 * stream time of the whole partition: one patient's monitor with a clock hours ahead closed every other patient's
 * steps on that partition, and their readings came back LATE. Each series' open steps and clock are a few dozen bytes
 * in a cached in-memory store of their own (written on every reading, changelogged), apart from the series state
 * (RocksDB, written once a step);
 * there are no window stores or suppression buffers, and a punctuation closes the last steps of series that fall
 * silent.
 * Input records are keyed by patient id and the key never changes, so nothing is repartitioned: a patient's steps
 * are processed in order by one task, and every output is keyed by patient id. Every processor and store is named.
 * Tests build exactly this topology through the same method.
 */
public final class ForecastTopology {
    private ForecastTopology() {
    }

    /** The topology of these settings, forecasting with these models and counting into these meters. */
    public static Topology build(StreamingSettings settings, ModelRegistry models, VitalcastMetrics metrics) {
        TopicDefinitions topics = TopicDefinitions.of(settings.topics(), settings.forecastFormat());
        StreamsBuilder builder = new StreamsBuilder();
        ReadingParser parser = new ReadingParser(settings.signals(), settings.input());
        KStream<String, ParseResult> parsed = builder
            .stream(topics.readings().name(), topics.readings().consumed("read-readings"))
            .processValues(() -> new ParseProcessor(parser, metrics), Named.as("parse-readings"));
        parsed.filter((key, result) -> result.isRejected(), Named.as("rejected-readings"))
            .mapValues(ParseResult::rejected, Named.as("parse-rejection"))
            .to(topics.rejected().name(), topics.rejected().produced("write-parse-rejections"));
        KStream<String, ParseResult> toSeries = parsed.filter((key, result) -> !result.isRejected()
            || isSensorOffMarker(result.rejected(), settings), Named.as("series-inputs"));
        if (settings.readingPartitions() > 1) {
            toSeries = routedToTheirPatient(toSeries, settings.readingPartitions());
        }

        addStores(builder);
        KStream<String, TopologyOutput> outputs = toSeries.process(
            () -> new ForecastProcessor(settings, models, metrics), Named.as("forecast-steps"),
            ForecastProcessor.STEPS_STORE, ForecastProcessor.STORE, AckProcessor.STORE,
            ForecastProcessor.BUDGET_STORE);
        KStream<String, AckParseProcessor.Parsed> parsedAcks = builder
            .stream(topics.alertAcks().name(), topics.alertAcks().consumed("read-acks"))
            .processValues(() -> new AckParseProcessor(settings.input(), metrics), Named.as("parse-acks"));
        parsedAcks.filter((key, parsedAck) -> parsedAck.rejected() != null, Named.as("rejected-acks"))
            .mapValues(AckParseProcessor.Parsed::rejected, Named.as("ack-rejection"))
            .to(topics.rejected().name(), topics.rejected().produced("write-ack-rejections"));
        KStream<String, TopologyOutput> ackOutputs = parsedAcks
            .filter((key, parsedAck) -> parsedAck.routed() != null, Named.as("well-formed-acks"))
            .map((key, parsedAck) -> KeyValue.pair(parsedAck.routed().ack().patientId(), parsedAck.routed()),
                Named.as("key-ack-by-patient"))
            .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(RoutedAck.class))
                .withName("acks-by-patient"))
            .process(() -> new AckProcessor(settings.signals(), settings.input(), metrics), Named.as("record-acks"),
                AckProcessor.STORE, ForecastProcessor.STORE);
        outputs = outputs.merge(ackOutputs, Named.as("merge-outputs"));
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

    /**
     * The series inputs, those found on another partition than their patient's (murmur2 of the patient id, the Java
     * producer's choice, and the acknowledgements') repartitioned to it, so that a patient's series and its
     * acknowledgements meet in one task whatever partitioner each producer used.
     */
    private static KStream<String, ParseResult> routedToTheirPatient(KStream<String, ParseResult> inputs,
                                                                    int partitions) {
        Map<String, KStream<String, ParseResult>> routes = inputs.split(Named.as("route-"))
            .branch((key, result) -> partitionOf(key, partitions) == sourcePartition(result), Branched.as("local"))
            .defaultBranch(Branched.as("elsewhere"));
        KStream<String, ParseResult> rerouted = routes.get("route-elsewhere")
            .mapValues(RoutedReading::of, Named.as("to-route"))
            .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(RoutedReading.class))
                .withName("readings-by-patient"))
            .mapValues(RoutedReading::result, Named.as("routed"));
        return routes.get("route-local").merge(rerouted, Named.as("series-inputs-routed"));
    }

    /** The partition a Java producer (and Kafka Streams' repartitioning) gives a patient id. */
    static int partitionOf(String patientId, int partitions) {
        return patientId == null ? -1 : org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(patientId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            % partitions;
    }

    private static int sourcePartition(ParseResult result) {
        return result.isRejected() ? result.rejected().partition() : result.reading().source().partition();
    }

    /** A sensor-off reading of a configured signal: a dropout marker for the signal-quality rules. */
    private static boolean isSensorOffMarker(RejectedReading rejected, StreamingSettings settings) {
        return rejected.reason() == RejectReason.SENSOR_OFF && rejected.patientId() != null
            && settings.signals().containsKey(rejected.signal());
    }

    private static void addStores(StreamsBuilder builder) {
        // in memory (a few dozen bytes a series, restored from its changelog) and cached (a catch-up writes a
        // series' entry once a commit rather than once a reading): it is written on every reading
        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(ForecastProcessor.STEPS_STORE), new SeriesKeySerde(),
            new OpenStepsSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ForecastProcessor.STORE),
            new SeriesKeySerde(), new SeriesStateSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AckProcessor.STORE),
            Serdes.String(), new JsonSerde<>(Acknowledgement.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ForecastProcessor.BUDGET_STORE), Serdes.String(),
            new JsonSerde<>(PatientAlertBudget.class)));
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
