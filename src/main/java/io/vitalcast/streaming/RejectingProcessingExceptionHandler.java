package io.vitalcast.streaming;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' handler of an exception thrown while a processor handles one record: the record is rejected as
 * {@code PROCESSING_ERROR} and the stream goes on, or the thread stops, as {@link ErrorHandling} decides. Without it
 * one record that trips a bug stops the stream thread, and every restart reads the same record and stops again.
 */
public final class RejectingProcessingExceptionHandler implements ProcessingExceptionHandler {
    private ErrorHandling handling;

    @Override
    public void configure(Map<String, ?> configs) {
        handling = ErrorHandling.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        ProducerRecord<byte[], byte[]> rejection = handling.reject("processing", context,
            "processing in " + context.processorNodeId(), exception);
        return rejection == null ? Response.fail() : Response.resume(List.of(rejection));
    }
}
