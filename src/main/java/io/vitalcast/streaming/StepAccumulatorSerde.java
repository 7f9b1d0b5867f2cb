package io.vitalcast.streaming;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.vitalcast.series.SourceRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serde of {@link StepAccumulator} for the step window stores, their changelogs and the suppression
 * buffers: an accumulator is written there on every reading, and as JSON it cost more than the reading it carried.
 * These bytes stay inside Kafka Streams (the user-facing topics remain JSON). Versioned by a leading byte so that a
 * later layout can still read this one; the JSON accumulators of earlier versions (a leading <code>{</code>) are
 * still read, so that an upgrade restores open windows from the old changelogs.
 */
public final class StepAccumulatorSerde implements Serde<StepAccumulator> {
    static final byte VERSION = 1;
    private static final int NO_SOURCE = -1;
    /** Changelogs written before this serde held JSON objects; a restore still reads them. */
    private static final byte LEGACY_JSON = '{';
    private static final JsonSerde<StepAccumulator> LEGACY = new JsonSerde<>(StepAccumulator.class);

    @Override
    public Serializer<StepAccumulator> serializer() {
        return (topic, accumulator) -> accumulator == null ? null : write(accumulator);
    }

    @Override
    public Deserializer<StepAccumulator> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(StepAccumulator a) {
        byte[] patient = utf8(a.patientId());
        byte[] signal = utf8(a.signal());
        SourceRecord source = a.source();
        byte[] topic = source == null ? null : utf8(source.topic());
        ByteBuffer out = ByteBuffer.allocate(1 + length(patient) + length(signal) + Double.BYTES + Integer.BYTES
            + Integer.BYTES + (source == null ? 0 : length(topic) + Long.BYTES + Long.BYTES));
        out.put(VERSION);
        putText(out, patient);
        putText(out, signal);
        out.putDouble(a.sum());
        out.putInt(a.count());
        if (source == null) {
            out.putInt(NO_SOURCE);
        } else {
            out.putInt(source.partition());
            putText(out, topic);
            out.putLong(source.offset());
            out.putLong(source.timestamp());
        }
        return out.array();
    }

    static StepAccumulator read(byte[] bytes) {
        if (bytes.length > 0 && bytes[0] == LEGACY_JSON) {
            return LEGACY.deserializer().deserialize(null, bytes);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new SerializationException("step accumulator version " + version + " is not supported; this "
                    + "Vitalcast reads version " + VERSION);
            }
            String patient = getText(in);
            String signal = getText(in);
            double sum = in.getDouble();
            int count = in.getInt();
            int partition = in.getInt();
            SourceRecord source = null;
            if (partition != NO_SOURCE) {
                source = new SourceRecord(getText(in), partition, in.getLong(), in.getLong(), null, null);
            }
            if (in.hasRemaining()) {
                throw new SerializationException("step accumulator has " + in.remaining() + " trailing bytes");
            }
            return new StepAccumulator(patient, signal, sum, count, source);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("cannot read step accumulator: truncated or corrupt", e);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static int length(byte[] text) {
        return Integer.BYTES + (text == null ? 0 : text.length);
    }

    private static void putText(ByteBuffer out, byte[] text) {
        if (text == null) {
            out.putInt(-1);
        } else {
            out.putInt(text.length);
            out.put(text);
        }
    }

    private static String getText(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new SerializationException("cannot read step accumulator: a text of " + length + " bytes with "
                + in.remaining() + " left");
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }
}
