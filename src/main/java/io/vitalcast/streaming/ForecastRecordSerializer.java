package io.vitalcast.streaming;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.series.ForecastRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a {@link ForecastRecord} token by token, byte for byte the JSON that {@link JsonSerde} writes for it (same
 * field order, nulls written, Instants as ISO-8601 text), without data binding's reflective walk of the record and
 * its ten points: the forecasts topic gets one of these per step of every series, and data binding was the largest
 * part of writing it.
 */
final class ForecastRecordSerializer implements Serializer<ForecastRecord> {

    @Override
    public byte[] serialize(String topic, ForecastRecord forecast) {
        if (forecast == null) {
            return null;
        }
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
             JsonGenerator json = JsonSerde.MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            writeHead(json, forecast);
            json.writeArrayFieldStart("points");
            for (ForecastRecord.ForecastPoint point : forecast.points()) {
                json.writeStartObject();
                writeInstant(json, "timestamp", point.timestamp());
                json.writeNumberField("value", point.value());
                writeNullableNumber(json, "lower", point.lower());
                writeNullableNumber(json, "upper", point.upper());
                json.writeEndObject();
            }
            json.writeEndArray();
            writeNullableNumber(json, "level", forecast.level());
            json.writeEndObject();
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot write ForecastRecord as JSON", e);
        }
    }

    /** The fields both formats begin with: patient, signal, unit, last step time, step and model. */
    static void writeHead(JsonGenerator json, ForecastRecord forecast) throws IOException {
        json.writeStringField("patientId", forecast.patientId());
        json.writeStringField("signal", forecast.signal());
        json.writeStringField("unit", forecast.unit());
        writeInstant(json, "lastStepTime", forecast.lastStepTime());
        json.writeFieldName("stepMs");
        if (forecast.stepMs() == null) {
            json.writeNull();
        } else {
            json.writeNumber(forecast.stepMs());
        }
        json.writeFieldName("model");
        ModelInfo model = forecast.model();
        if (model == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeStringField("name", model.name());
            json.writeStringField("version", model.version());
            json.writeStringField("kind", model.kind());
            json.writeEndObject();
        }
    }

    private static void writeInstant(JsonGenerator json, String field, Instant instant) throws IOException {
        json.writeFieldName(field);
        if (instant == null) {
            json.writeNull();
        } else {
            writeInstant(json, instant);
        }
    }

    /** An instant's ISO-8601 text as {@link Instant#toString()} writes it, without making a String of it. */
    static void writeInstant(JsonGenerator json, Instant instant) throws IOException {
        char[] text = new char[IsoInstants.MAX_LENGTH];
        int length = IsoInstants.write(instant, text);
        if (length < 0) {
            json.writeString(instant.toString());
        } else {
            json.writeString(text, 0, length);
        }
    }

    private static void writeNullableNumber(JsonGenerator json, String field, Double value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }
}
