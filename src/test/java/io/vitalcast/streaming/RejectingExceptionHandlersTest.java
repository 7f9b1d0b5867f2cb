package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vitalcast.metrics.VitalcastMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The two Kafka Streams handlers as Kafka Streams calls them, with the configuration the runner gives them. */
class RejectingExceptionHandlersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override
        public String topic() {
            return "vitals.readings";
        }

        @Override
        public int partition() {
            return 2;
        }

        @Override
        public long offset() {
            return 41;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "forecast-steps";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        @Override
        public long timestamp() {
            return 1_764_086_400_000L;
        }

        @Override
        public byte[] sourceRawKey() {
            return "p-1".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] sourceRawValue() {
            return "{\"patientId\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);
        }
    };

    private Map<String, Object> configs(ErrorPolicy policy) {
        return ErrorHandling.streamsProperties(TestSettings.standard().withProcessingErrors(policy),
            new VitalcastMetrics(registry));
    }

    private ProductionExceptionHandler production(ErrorPolicy policy) {
        RejectingProductionExceptionHandler handler = new RejectingProductionExceptionHandler();
        handler.configure(configs(policy));
        return handler;
    }

    private double counted(String stage, String outcome) {
        return registry.get(io.vitalcast.metrics.VitalcastMetrics.PROCESSING_ERRORS).tag("stage", stage)
            .tag("outcome", outcome).counter().count();
    }

    private static ProducerRecord<byte[], byte[]> output(String topic) {
        return new ProducerRecord<>(topic, new byte[] {1}, new byte[] {2});
    }

    @Test
    void shouldSetTheInputAsideWhenTheBrokerRefusesAnOutputForWhatItIs() {
        ProductionExceptionHandler.Response response = production(ErrorPolicy.REJECT).handleError(CONTEXT,
            output("vitals.forecasts"), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("vitals.rejected");
            assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("p-1");
            JsonNode rejected = TestJson.tree(new String(dead.value(), StandardCharsets.UTF_8));
            assertThat(rejected.get("reason").asText()).isEqualTo("PROCESSING_ERROR");
            assertThat(rejected.get("detail").asText()).contains("writing to vitals.forecasts",
                "RecordTooLargeException");
            assertThat(rejected.get("offset").asLong()).isEqualTo(41);
            assertThat(rejected.get("valueText").asText()).isEqualTo("{\"patientId\":\"p-1\"}");
        });
        assertThat(counted("production", "rejected")).isEqualTo(1);
    }

    @Test
    void shouldRetryWhatMayPassAndFailOnChangelogsAndUnknownErrors() {
        ProductionExceptionHandler handler = production(ErrorPolicy.REJECT);

        assertThat(handler.handleError(CONTEXT, output("vitals.forecasts"), new TimeoutException("away")).result())
            .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(handler.handleError(CONTEXT, output("vitalcast-series-state-changelog"),
            new RecordTooLargeException("too large")).result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(handler.handleError(CONTEXT, output("vitals.forecasts"), new IllegalStateException("?"))
            .result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldCountAndDropARejectionTheBrokerRefusesRatherThanLoop() {
        ProductionExceptionHandler.Response response = production(ErrorPolicy.REJECT).handleError(CONTEXT,
            output("vitals.rejected"), new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(counted("production", "dropped")).isEqualTo(1);
    }

    @Test
    void shouldFailOnEveryErrorWhenSetToFail() {
        assertThat(production(ErrorPolicy.FAIL).handleError(CONTEXT, output("vitals.forecasts"),
            new RecordTooLargeException("too large")).result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldStopTheThreadRatherThanRejectWhenTheStateDirectoryFails() {
        RejectingProcessingExceptionHandler handler = new RejectingProcessingExceptionHandler();
        handler.configure(configs(ErrorPolicy.REJECT));
        Record<String, String> record = new Record<>("p-1", "v", 0L);

        ProcessingExceptionHandler.Response stateFailure = handler.handleError(CONTEXT, record,
            new ProcessorStateException("disk full", new java.io.IOException("No space left on device")));
        ProcessingExceptionHandler.Response bug = handler.handleError(CONTEXT, record,
            new ArithmeticException("/ by zero"));

        assertThat(stateFailure.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(bug.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(bug.deadLetterQueueRecords()).hasSize(1);
        assertThat(counted("processing", "failed")).isEqualTo(1);
        assertThat(counted("processing", "rejected")).isEqualTo(1);
    }
}
