package io.vitalcast.streaming;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * Kafka Streams' handler of an output record that cannot be serialised or that the broker refuses for what it is (too
 * large, a timestamp out of its range). The parser keeps such values from reaching an output, so this is the last
 * guard: the input record that produced the output is rejected as {@code PROCESSING_ERROR} and the stream goes on.
 * Errors that may pass (a broker away) are retried, as Kafka Streams' default handler does; any other error, and any
 * error writing a changelog or internal topic, stops the stream thread (the runner replaces it, and under
 * exactly-once nothing of the failed transaction is kept).
 */
public final class RejectingProductionExceptionHandler implements ProductionExceptionHandler {
    private ErrorHandling handling;

    @Override
    public void configure(Map<String, ?> configs) {
        handling = ErrorHandling.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        boolean recordsFault = exception instanceof RecordTooLargeException
            || exception instanceof RecordBatchTooLargeException || exception instanceof InvalidTimestampException
            || exception instanceof InvalidRecordException;
        return recordsFault ? setAside(context, record.topic(), exception) : Response.fail();
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return setAside(context, record.topic(), exception);
    }

    private Response setAside(ErrorHandlerContext context, String topic, Exception exception) {
        if (handling.failsFast() || topic.contains("-changelog") || topic.contains("-repartition")) {
            return Response.fail();
        }
        if (topic.equals(handling.rejectedTopic())) {
            handling.drop(context, topic, exception);
            return Response.resume();
        }
        ProducerRecord<byte[], byte[]> rejection = handling.reject("production", context,
            "writing to " + topic, exception);
        return rejection == null ? Response.fail() : Response.resume(List.of(rejection));
    }
}
