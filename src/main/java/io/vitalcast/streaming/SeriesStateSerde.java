package io.vitalcast.streaming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.alerting.Severity;
import io.vitalcast.forecasting.ModelFingerprint;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;
import io.vitalcast.series.QualityStatus;
import io.vitalcast.series.SeriesState;
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
 * part, and writes the recent forecasts and their half-widths as a triangle of the entries still to be scored
 * (45 instead of 100 doubles each at a horizon of 10: the newest row is the pending forecast, already
 * written); entries already scored read back as NaN. Version 3 adds the fingerprint of the model the recurrent state
 * belongs to ({@link SeriesModel#fingerprint()}), so that a model replaced by a retrained one of the same size does
 * not hand its state on. Version 1 and 2 states (written before these) are still read, without what they lack; as
 * neither says which model made its recurrent state, a stateful model then starts a new segment at the next step
 * rather than trust a state of unknown origin: as after a long gap, but keeping the history and the alert states and
 * scoring the forecasts made for that step (its first forecast comes after its warm-up of
 * {@link SeriesModel#window()} steps). A window model is unaffected.
 */
public final class SeriesStateSerde implements Serde<SeriesState> {
    static final byte VERSION = 3;
    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;

    @Override
    public Serializer<SeriesState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<SeriesState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    public static byte[] write(SeriesState s) {
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
            writeRecent(out, s.recentForecasts(), s.pendingForecast());
            writeRecent(out, s.recentHalfWidths(), s.pendingHalfWidth());
            writeArray(out, s.modelState());
            out.writeLong(s.modelFingerprint());
            out.writeLong(s.segmentSteps());
            writeQuality(out, s.quality());
        } catch (IOException e) {
            throw new SerializationException("cannot write series state", e);
        }
        return bytes.toByteArray();
    }

    public static SeriesState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version < VERSION_1 || version > VERSION) {
                throw new SerializationException("series state version " + version + " is not supported; this "
                    + "Vitalcast reads versions " + VERSION_1 + " to " + VERSION);
            }
            boolean v2 = version >= VERSION_2;
            double[] history = readArray(in);
            long lastStepMs = in.readLong();
            double[] pendingForecast = readArray(in);
            double[] pendingHalfWidth = readArray(in);
            SeriesState state = new SeriesState(history, lastStepMs, pendingForecast, pendingHalfWidth,
                in.readDouble(), in.readLong(), readStatus(in, v2), readStatus(in, v2), readStatus(in, v2),
                v2 ? readRecent(in, pendingForecast) : readMatrix(in),
                v2 ? readRecent(in, pendingHalfWidth) : readMatrix(in));
            if (!v2) {
                return state;
            }
            double[] modelState = readArray(in);
            long modelFingerprint = version > VERSION_2 ? in.readLong() : ModelFingerprint.UNKNOWN;
            long segmentSteps = in.readLong();
            return new SeriesState(state.history(), state.lastStepMs(), state.pendingForecast(),
                state.pendingHalfWidth(), state.residualMae(), state.residualCount(), state.deviation(),
                state.limit(), state.predicted(), state.recentForecasts(), state.recentHalfWidths(), modelState,
                modelFingerprint, segmentSteps, readQuality(in));
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

    /**
     * Writes the recent forecasts (or their half-widths) in the triangular layout of version 2: row {@code k}, made
     * {@code k} steps before the stored step, is only ever read again at entries {@code k} and on (the next step
     * scores entry {@code k + 1} of the row then at {@code k + 1}, and so on), so the entries before {@code k} are
     * not written; the first row, when it is the pending forecast written just before, is not written again.
     */
    private static void writeRecent(DataOutputStream out, double[][] rows, double[] pending) throws IOException {
        out.writeInt(rows.length);
        boolean firstIsPending = rows.length > 0 && pending != null && Arrays.equals(rows[0], pending);
        out.writeBoolean(firstIsPending);
        for (int r = firstIsPending ? 1 : 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row == null) {
                out.writeInt(-1);
                continue;
            }
            out.writeInt(row.length);
            for (int i = r; i < row.length; i++) {
                out.writeDouble(row[i]);
            }
        }
    }

    /** Reads {@link #writeRecent}'s layout; the entries not written (already scored or skipped) read back as NaN. */
    private static double[][] readRecent(DataInputStream in, double[] pending) throws IOException {
        double[][] rows = new double[in.readInt()][];
        boolean firstIsPending = in.readBoolean();
        if (firstIsPending) {
            if (pending == null || rows.length == 0) {
                throw new SerializationException("series state refers to a pending forecast it does not have");
            }
            rows[0] = pending;
        }
        for (int r = firstIsPending ? 1 : 0; r < rows.length; r++) {
            int length = in.readInt();
            if (length < 0) {
                continue;
            }
            double[] row = new double[length];
            Arrays.fill(row, 0, Math.min(r, length), Double.NaN);
            for (int i = r; i < length; i++) {
                row[i] = in.readDouble();
            }
            rows[r] = row;
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
