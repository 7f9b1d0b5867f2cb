package io.vitalcast.streaming;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import io.vitalcast.metrics.VitalcastMetrics;
import io.vitalcast.series.SourceRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of a record whose processing throws an exception Vitalcast did not expect. Kafka Streams hands such
 * exceptions to its exception handlers ({@link RejectingProcessingExceptionHandler} for a processor,
 * {@link RejectingProductionExceptionHandler} for writing an output); both ask this class, which the handlers find
 * in the Kafka Streams configuration under {@link #CONFIG_KEY} ({@link #streamsProperties}).
 *
 * <p>Under {@link ErrorPolicy#REJECT} the input record goes to the rejected topic as
 * {@link RejectReason#PROCESSING_ERROR} with the exception's class and message, through Kafka Streams' dead-letter
 * records (so in the same transaction as the record's other outputs), it is counted, and it is logged at ERROR with
 * its topic, partition and offset and the exception's types and location (never its message, which may carry a
 * patient id). A failure of the state directory is not a record's fault and is not rejected: the stream thread stops
 * and the runner decides. Under {@link ErrorPolicy#FAIL} every such exception stops the stream thread.
 */
public final class ErrorHandling {
    /** The Kafka Streams configuration key under which the handlers find this object. */
    public static final String CONFIG_KEY = "vitalcast.internal.error.handling";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    private static final int MAX_MESSAGE = 1000;

    private final String rejectedTopic;
    private final InputLimits limits;
    private final ErrorPolicy policy;
    private final VitalcastMetrics metrics;
    private final Serializer<RejectedReading> serializer = new JsonSerde<>(RejectedReading.class).serializer();

    ErrorHandling(String rejectedTopic, InputLimits limits, ErrorPolicy policy, VitalcastMetrics metrics) {
        this.rejectedTopic = rejectedTopic;
        this.limits = limits;
        this.policy = policy;
        this.metrics = metrics;
    }

    /** The Kafka Streams properties that install the handlers for these settings, counting into these meters. */
    public static Map<String, Object> streamsProperties(StreamingSettings settings, VitalcastMetrics metrics) {
        return Map.of(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingProcessingExceptionHandler.class,
            StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingProductionExceptionHandler.class,
            CONFIG_KEY, new ErrorHandling(settings.topics().rejected(), settings.input(),
                settings.processingErrors(), metrics));
    }

    /** The object {@link #streamsProperties} put into the configuration a handler is configured with. */
    static ErrorHandling from(Map<String, ?> configs) {
        Object handling = configs.get(CONFIG_KEY);
        if (handling instanceof ErrorHandling errorHandling) {
            return errorHandling;
        }
        throw new IllegalStateException(CONFIG_KEY + " is not set: install the handlers with "
            + "ErrorHandling.streamsProperties");
    }

    /**
     * The dead-letter record for the input record of this context, or null when the stream thread must stop
     * instead (the policy says so, or the state directory failed).
     *
     * @param stage   {@code processing} or {@code production}
     * @param problem what failed, for the rejection's detail (e.g. "processing in forecast-steps")
     */
    ProducerRecord<byte[], byte[]> reject(String stage, ErrorHandlerContext context, String problem,
                                          Exception exception) {
        String where = context.topic() + "-" + context.partition() + "@" + context.offset();
        if (policy == ErrorPolicy.FAIL || isStateFailure(exception)) {
            metrics.processingError(stage, "failed");
            LOG.error("{} of record {} failed with {}; stopping the stream thread", problem, where,
                describe(exception));
            return null;
        }
        metrics.processingError(stage, "rejected");
        metrics.rejected(RejectReason.PROCESSING_ERROR.name());
        LOG.error("{} of record {} failed with {}; the record goes to {} as {} (a bug: please report it)", problem,
            where, describe(exception), rejectedTopic, RejectReason.PROCESSING_ERROR);
        byte[] key = context.sourceRawKey();
        String patientId = key == null || key.length > limits.maxIdLength() ? null
            : new String(key, StandardCharsets.UTF_8);
        SourceRecord source = new SourceRecord(context.topic() == null ? "" : context.topic(), context.partition(),
            context.offset(), context.timestamp(), key, context.sourceRawValue());
        String message = exception.getClass().getName() + ": " + exception.getMessage();
        RejectedReading rejected = RejectedReading.of(RejectReason.PROCESSING_ERROR, problem + " failed: "
            + (message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "..."), patientId,
            null, source, limits.maxOriginalBytes());
        byte[] rejectedKey = patientId == null ? null : key;
        return new ProducerRecord<>(rejectedTopic, null, null, rejectedKey, serializer.serialize(rejectedTopic,
            rejected));
    }

    /** Counts and logs an output that could not be written and cannot be set aside either. */
    void drop(ErrorHandlerContext context, String topic, Exception exception) {
        metrics.processingError("production", "dropped");
        LOG.error("A rejection of record {}-{}@{} could not be written to {} ({}); it is counted and dropped",
            context.topic(), context.partition(), context.offset(), topic, describe(exception));
    }

    boolean failsFast() {
        return policy == ErrorPolicy.FAIL;
    }

    String rejectedTopic() {
        return rejectedTopic;
    }

    private static boolean isStateFailure(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ProcessorStateException) {
                return true;
            }
        }
        return false;
    }

    /** Exception types down the cause chain and where the root cause was thrown; no messages. */
    static String describe(Throwable exception) {
        StringJoiner chain = new StringJoiner(" caused by ");
        Throwable root = exception;
        for (Throwable t = exception; t != null && chain.length() < 2000; t = t.getCause()) {
            chain.add(t.getClass().getName());
            root = t;
        }
        StackTraceElement[] trace = root.getStackTrace();
        return trace.length == 0 ? chain.toString() : chain + " at " + trace[0];
    }
}
