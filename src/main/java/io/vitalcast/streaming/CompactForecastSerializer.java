package io.vitalcast.streaming;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vitalcast.series.ForecastRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link ForecastRecord} in the compact format ({@link ForecastFormat#COMPACT}): the same fields as the
 * JSON format up to the points, which become parallel arrays {@code values}, {@code lower} and {@code upper} (null
 * where a point has no interval). Point {@code i} (from 0) is at {@code lastStepTime + (i + 1) * stepMs}; for an
 * event-driven signal, which has no step, a {@code times} array (ISO-8601) says when.
 */
final class CompactForecastSerializer implements Serializer<ForecastRecord> {

    @Override
    public byte[] serialize(String topic, ForecastRecord forecast) {
        if (forecast == null) {
            return null;
        }
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(384);
             JsonGenerator json = JsonSerde.MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            ForecastRecordSerializer.writeHead(json, forecast);
            json.writeFieldName("level");
            if (forecast.level() == null) {
                json.writeNull();
            } else {
                json.writeNumber(forecast.level());
            }
            List<ForecastRecord.ForecastPoint> points = forecast.points();
            if (forecast.stepMs() == null) {
                json.writeArrayFieldStart("times");
                for (ForecastRecord.ForecastPoint point : points) {
                    ForecastRecordSerializer.writeInstant(json, point.timestamp());
                }
                json.writeEndArray();
            }
            json.writeArrayFieldStart("values");
            for (ForecastRecord.ForecastPoint point : points) {
                json.writeNumber(point.value());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("lower");
            for (ForecastRecord.ForecastPoint point : points) {
                writeNullable(json, point.lower());
            }
            json.writeEndArray();
            json.writeArrayFieldStart("upper");
            for (ForecastRecord.ForecastPoint point : points) {
                writeNullable(json, point.upper());
            }
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write ForecastRecord in the compact format", e);
        }
    }

    private static void writeNullable(JsonGenerator json, Double value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }
}
