package io.vitalcast.streaming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serde of {@link SeriesState} for the per-series store and its changelog, written on every step:
 * JSON of the same state (history, the last forecasts and their intervals) was several kilobytes of text per step
 * and dominated the forecaster's throughput. Versioned by a leading byte so that a later layout can still read this
 * one. Version 2 adds the alert policy's memory to each alert status (m-of-n steps, open and resolve times, snooze,
 * held-back episode), a stateful model's recurrent state and the steps of the current segment, and the signal-quality
 * part. Version 1 states
 * (written before these) are still read, with none of it: a stateful model then starts a new segment at the next step
 * (its first forecast comes after its warm-up), a window model is unaffected.
 */
public final class SeriesStateSerde implements Serde<SeriesState> {
    static final byte VERSION = 2;
    private static final byte VERSION_1 = 1;

    @Override
    public Serializer<SeriesState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<SeriesState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(SeriesState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeArray(out, s.history());
            out.writeLong(s.lastStepMs());
            writeArray(out, s.pendingForecast());
            writeArray(out, s.pendingHalfWidth());
            out.writeDouble(s.residualMae());
            out.writeLong(s.residualCount());
            writeStatus(out, s.deviation());
            writeStatus(out, s.limit());
            writeStatus(out, s.predicted());
            writeMatrix(out, s.recentForecasts());
            writeMatrix(out, s.recentHalfWidths());
            writeArray(out, s.modelState());
            out.writeLong(s.segmentSteps());
            writeQuality(out, s.quality());
        } catch (IOException e) {
            throw new SerializationException("cannot write series state", e);
        }
        return bytes.toByteArray();
    }

    static SeriesState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_1) {
                throw new SerializationException("series state version " + version + " is not supported; this "
                    + "Vitalcast reads versions " + VERSION_1 + " and " + VERSION);
            }
            boolean v2 = version >= 2;
            SeriesState state = new SeriesState(readArray(in), in.readLong(), readArray(in), readArray(in),
                in.readDouble(), in.readLong(), readStatus(in, v2), readStatus(in, v2), readStatus(in, v2),
                readMatrix(in), readMatrix(in));
            if (!v2) {
                return state;
            }
            double[] modelState = readArray(in);
            long segmentSteps = in.readLong();
            return new SeriesState(state.history(), state.lastStepMs(), state.pendingForecast(),
                state.pendingHalfWidth(), state.residualMae(), state.residualCount(), state.deviation(),
                state.limit(), state.predicted(), state.recentForecasts(), state.recentHalfWidths(), modelState,
                segmentSteps, readQuality(in));
        } catch (IOException e) {
            throw new SerializationException("cannot read series state", e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static void writeMatrix(DataOutputStream out, double[][] rows) throws IOException {
        out.writeInt(rows.length);
        for (double[] row : rows) {
            writeArray(out, row);
        }
    }

    private static double[][] readMatrix(DataInputStream in) throws IOException {
        double[][] rows = new double[in.readInt()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = readArray(in);
        }
        return rows;
    }

    private static void writeQuality(DataOutputStream out, QualityStatus quality) throws IOException {
        out.writeDouble(quality.tracker().lastValue());
        out.writeInt(quality.tracker().flatRun());
        out.writeLong(quality.lastTimeMs());
        out.writeByte(quality.problem() == null ? -1 : quality.problem().ordinal());
        writeStatus(out, quality.sensor());
    }

    private static QualityStatus readQuality(DataInputStream in) throws IOException {
        QualityTracker tracker = new QualityTracker(in.readDouble(), in.readInt());
        long lastTimeMs = in.readLong();
        byte problem = in.readByte();
        return new QualityStatus(tracker, lastTimeMs, problem < 0 ? null : QualityProblem.values()[problem],
            readStatus(in, true));
    }

    private static void writeStatus(DataOutputStream out, AlertStatus status) throws IOException {
        out.writeBoolean(status.alertId() != null);
        if (status.alertId() != null) {
            out.writeUTF(status.alertId());
            out.writeByte(status.severity().ordinal());
        }
        out.writeInt(status.abnormalRun());
        out.writeInt(status.normalRun());
        out.writeLong(status.recentAbnormal());
        out.writeLong(status.openedAtMs());
        out.writeLong(status.resolvedAtMs());
        out.writeLong(status.snoozedUntilMs());
        out.writeBoolean(status.held());
    }

    private static AlertStatus readStatus(DataInputStream in, boolean policyMemory) throws IOException {
        String id = null;
        Severity severity = null;
        if (in.readBoolean()) {
            id = in.readUTF();
            severity = Severity.values()[in.readByte()];
        }
        int abnormalRun = in.readInt();
        int normalRun = in.readInt();
        if (!policyMemory) {
            return new AlertStatus(id, severity, abnormalRun, normalRun);
        }
        return new AlertStatus(id, severity, abnormalRun, normalRun, in.readLong(), in.readLong(), in.readLong(),
            in.readLong(), in.readBoolean());
    }
}
