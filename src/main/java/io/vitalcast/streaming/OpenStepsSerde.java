package io.vitalcast.streaming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.vitalcast.series.OpenSteps;
import io.vitalcast.series.SourceRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serde of a series' {@link OpenSteps}, written on every reading of a fixed-step signal (so a few
 * dozen bytes, kept apart from the series state, which is written once a step). Versioned by a leading byte.
 */
public final class OpenStepsSerde implements Serde<OpenSteps> {
    static final byte VERSION = 1;
    /** Bytes of one open step after its topic name. */
    private static final int STEP_BYTES = Long.BYTES + Double.BYTES + Integer.BYTES + Integer.BYTES + Long.BYTES
        + Long.BYTES;

    @Override
    public Serializer<OpenSteps> serializer() {
        return (topic, steps) -> steps == null ? null : write(steps);
    }

    @Override
    public Deserializer<OpenSteps> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(OpenSteps s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 48 * s.steps().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(s.clockMs());
            out.writeLong(s.arrivalMs());
            out.writeLong(s.closedThroughMs());
            out.writeInt(s.steps().size());
            for (OpenSteps.OpenStep step : s.steps()) {
                SourceRecord source = step.source();
                out.writeUTF(source.topic());
                out.writeLong(step.startMs());
                out.writeDouble(step.sum());
                out.writeInt(step.count());
                out.writeInt(source.partition());
                out.writeLong(source.offset());
                out.writeLong(source.timestamp());
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write open steps", e);
        }
        return bytes.toByteArray();
    }

    static OpenSteps read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("open steps version " + version + " is not supported; this "
                    + "Vitalcast reads version " + VERSION);
            }
            long clock = in.readLong();
            long arrival = in.readLong();
            long closedThrough = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > in.available() / STEP_BYTES) {
                throw new SerializationException("open steps count " + count + " with " + in.available()
                    + " bytes left");
            }
            List<OpenSteps.OpenStep> steps = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String topic = in.readUTF();
                long start = in.readLong();
                double sum = in.readDouble();
                int readings = in.readInt();
                SourceRecord source = new SourceRecord(topic, in.readInt(), in.readLong(), in.readLong(), null, null);
                steps.add(new OpenSteps.OpenStep(start, sum, readings, source));
            }
            if (in.available() > 0) {
                throw new SerializationException("open steps have " + in.available() + " trailing bytes");
            }
            return new OpenSteps(clock, arrival, closedThrough, steps);
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read open steps of " + bytes.length + " bytes: truncated or "
                + "corrupt (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
