package io.vitalcast.streaming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.vitalcast.alerting.AlertKind;
import io.vitalcast.alerting.AlertStates;
import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.alerting.Severity;
import io.vitalcast.forecasting.ModelFingerprint;
import io.vitalcast.forecasting.OnlineAdaptation;
import io.vitalcast.forecasting.OnlineCalibration;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;
import io.vitalcast.series.ModelMemory;
import io.vitalcast.series.QualityStatus;
import io.vitalcast.series.RecentForecasts;
import io.vitalcast.series.Residuals;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.StepHistory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serde of {@link SeriesState} for the per-series store and its changelog, written on every step:
 * JSON of the same state was several kilobytes of text per step and dominated the forecaster's throughput.
 * Versioned by a leading byte; every older layout is still read.
 *
 * <p>Version 7 (written) is version 6 with the value of each origin still to be scored after their features, the
 * running moments of the blend with persistence per step after the corrected errors, and the inverse correlation,
 * which is symmetric, written as its upper triangle row by row (36 instead of 64 values for 8 features). A version-6
 * state's blend starts unlearned (its error the raw one's) and its origins have no values, so that no step is
 * blended until the blend has done better there since the upgrade.
 *
 * <p>Version 6 is version 5 with the number of the adaptation's features first (so that a later change of
 * the features needs no new layout: a state of another count is read with the weights of the features it has, the
 * others starting at 0) and the recursive least squares' inverse correlation of the features after the correction
 * weights. A version-5 state (four features, learned by least mean squares) is read so, its least squares started
 * afresh.
 *
 * <p>Version 5 is version 4 with the online adaptation of {@link OnlineAdaptation} as it now is: its
 * correction weights per horizon step, the features of the origins still to be scored, the series' running level
 * and size of a change, the raw and corrected squared errors per step and the count. A version-4 state's bias per
 * step is read as the intercept of those weights, with its guard, so an upgrade keeps each series' correction.
 *
 * <p>Version 4 stores the state part by part (steps, forecasts, residuals, model memory, quality, alerts)
 * and every enum by name, never by ordinal, so that reordering or adding a constant cannot change what stored bytes
 * mean; the alert kinds are a list of (kind name, status) of the kinds not idle, so that a new alert kind needs no
 * new layout (a stored kind this version does not know is skipped); last, the series' online interval calibration
 * (the log width factor per horizon step), what the online adaptation added to each recent forecast (a triangle
 * like the forecasts'), and the adaptation itself (bias, raw and corrected squared errors per step, count).
 *
 * <p>Older layouts: version 2 added the alert policy's memory to each alert status (m-of-n steps, open and resolve
 * times, snooze, held-back episode), a stateful model's recurrent state, the steps of the current segment and the
 * signal-quality part, and writes the recent forecasts and their half-widths as a triangle of the entries still to
 * be scored (45 instead of 100 doubles each at a horizon of 10; version 4 keeps that triangle); version 3 added the
 * fingerprint of the model the recurrent state belongs to. Versions 1 to 3 stored the DEVIATION, LIMIT and
 * PREDICTED_LIMIT statuses in that order and the SENSOR status with the quality part, and severities and quality
 * problems by their ordinals of the time, which are read through fixed tables here. As neither version 1 nor 2 says
 * which model made its recurrent state, a stateful model then starts a new segment at the next step rather than
 * trust a state of unknown origin (keeping the history and the alert states).
 */
public final class SeriesStateSerde implements Serde<SeriesState> {
    static final byte VERSION = 7;
    private static final byte VERSION_6 = 6;
    private static final byte VERSION_5 = 5;
    /** Features of version 5's adaptation: intercept, distance from the level, the last two changes. */
    private static final int VERSION_5_FEATURES = 4;
    private static final int MAX_FEATURES = 64;
    private static final byte VERSION_4 = 4;
    private static final byte VERSION_1 = 1;
    private static final byte VERSION_2 = 2;
    private static final byte VERSION_3 = 3;
    /** Severities by the ordinals versions 1 to 3 wrote. */
    private static final List<Severity> LEGACY_SEVERITIES = List.of(Severity.INFO, Severity.WARNING,
        Severity.CRITICAL);
    /** Quality problems by the ordinals versions 2 and 3 wrote. */
    private static final List<QualityProblem> LEGACY_PROBLEMS = List.of(QualityProblem.DROPOUT,
        QualityProblem.FLAT_LINE, QualityProblem.IMPOSSIBLE_JUMP, QualityProblem.SATURATION);
    /** The alert kinds versions 1 to 3 wrote in a row, in their order. */
    private static final List<AlertKind> LEGACY_KINDS = List.of(AlertKind.DEVIATION, AlertKind.LIMIT,
        AlertKind.PREDICTED_LIMIT);

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
            writeArray(out, s.steps().values());
            out.writeLong(s.steps().lastStepMs());
            out.writeLong(s.steps().segmentSteps());
            RecentForecasts forecasts = s.forecasts();
            writeArray(out, forecasts.pending());
            writeArray(out, forecasts.pendingHalfWidths());
            writeRecent(out, forecasts.rows(), forecasts.pending());
            writeRecent(out, forecasts.halfWidthRows(), forecasts.pendingHalfWidths());
            out.writeDouble(s.residuals().meanAbsolute());
            out.writeLong(s.residuals().count());
            writeArray(out, s.model().state());
            out.writeLong(s.model().fingerprint());
            QualityStatus quality = s.quality();
            out.writeDouble(quality.tracker().lastValue());
            out.writeInt(quality.tracker().flatRun());
            out.writeLong(quality.lastTimeMs());
            writeName(out, quality.problem());
            Map<AlertKind, AlertStatus> alerts = s.alerts().active();
            out.writeInt(alerts.size());
            for (Map.Entry<AlertKind, AlertStatus> entry : alerts.entrySet()) {
                out.writeUTF(entry.getKey().name());
                writeStatus(out, entry.getValue());
            }
            writeArray(out, s.intervals().logScales());
            writeRecent(out, forecasts.offsetRows(), null);
            writeAdaptation(out, s.adaptation());
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
            return version >= VERSION_4 ? readCurrent(in, version) : readLegacy(in, version);
        } catch (SerializationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // a truncated or corrupt entry: the parts' own checks (lengths, enum names, invariants) refuse it
            throw new SerializationException("cannot read series state of " + bytes.length + " bytes: truncated or "
                + "corrupt (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static SeriesState readCurrent(DataInputStream in, byte version) throws IOException {
        StepHistory steps = new StepHistory(readArray(in), in.readLong(), in.readLong());
        double[] pending = readArray(in);
        double[] pendingWidths = readArray(in);
        RecentForecasts forecasts = new RecentForecasts(pending, pendingWidths, readRecent(in, pending),
            readRecent(in, pendingWidths));
        Residuals residuals = new Residuals(in.readDouble(), in.readLong());
        ModelMemory model = new ModelMemory(readArray(in), in.readLong());
        QualityTracker tracker = new QualityTracker(in.readDouble(), in.readInt());
        long lastTimeMs = in.readLong();
        String problem = readName(in);
        QualityStatus quality = new QualityStatus(tracker, lastTimeMs,
            problem == null ? null : valueOf(QualityProblem.class, problem));
        int count = in.readInt();
        Map<AlertKind, AlertStatus> alerts = new EnumMap<>(AlertKind.class);
        for (int i = 0; i < count; i++) {
            String kind = in.readUTF();
            AlertStatus status = readStatus(in);
            if (Arrays.stream(AlertKind.values()).anyMatch(k -> k.name().equals(kind))) {
                alerts.put(AlertKind.valueOf(kind), status);
            }
        }
        OnlineCalibration intervals = new OnlineCalibration(readArray(in));
        RecentForecasts adjusted = new RecentForecasts(forecasts.pending(), forecasts.pendingHalfWidths(),
            forecasts.rows(), forecasts.halfWidthRows(), readRecent(in, null));
        OnlineAdaptation adaptation = version == VERSION_4
            ? OnlineAdaptation.ofBias(readArray(in), readArray(in), readArray(in), in.readLong())
            : readAdaptation(in, version);
        return new SeriesState(steps, adjusted, residuals, model, AlertStates.of(alerts), quality, intervals,
            adaptation);
    }

    private static SeriesState readLegacy(DataInputStream in, byte version) throws IOException {
        boolean v2 = version >= VERSION_2;
        double[] history = readArray(in);
        long lastStepMs = in.readLong();
        double[] pending = readArray(in);
        double[] pendingWidths = readArray(in);
        Residuals residuals = new Residuals(in.readDouble(), in.readLong());
        Map<AlertKind, AlertStatus> alerts = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : LEGACY_KINDS) {
            alerts.put(kind, readLegacyStatus(in, v2));
        }
        RecentForecasts forecasts = new RecentForecasts(pending, pendingWidths,
            v2 ? readRecent(in, pending) : readMatrix(in), v2 ? readRecent(in, pendingWidths) : readMatrix(in));
        if (!v2) {
            return new SeriesState(new StepHistory(history, lastStepMs, 0), forecasts, residuals, ModelMemory.none(),
                AlertStates.of(alerts), QualityStatus.initial());
        }
        double[] modelState = readArray(in);
        long fingerprint = version >= VERSION_3 ? in.readLong() : ModelFingerprint.UNKNOWN;
        long segmentSteps = in.readLong();
        QualityTracker tracker = new QualityTracker(in.readDouble(), in.readInt());
        long lastTimeMs = in.readLong();
        byte problem = in.readByte();
        QualityStatus quality = new QualityStatus(tracker, lastTimeMs,
            problem < 0 ? null : legacy(LEGACY_PROBLEMS, problem, "quality problem"));
        alerts.put(AlertKind.SENSOR, readLegacyStatus(in, true));
        return new SeriesState(new StepHistory(history, lastStepMs, segmentSteps), forecasts, residuals,
            new ModelMemory(modelState, fingerprint), AlertStates.of(alerts), quality);
    }

    private static <T> T legacy(List<T> table, int ordinal, String what) {
        if (ordinal < 0 || ordinal >= table.size()) {
            throw new SerializationException("series state names " + what + " " + ordinal + ", which no version had");
        }
        return table.get(ordinal);
    }

    private static <E extends Enum<E>> E valueOf(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("series state names " + type.getSimpleName() + " " + name
                + ", which this Vitalcast does not know");
        }
    }

    private static void writeName(DataOutputStream out, Enum<?> value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value.name());
        }
    }

    private static String readName(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeAdaptation(DataOutputStream out, OnlineAdaptation adaptation) throws IOException {
        out.writeInt(OnlineAdaptation.FEATURES);
        writeArray(out, adaptation.weights());
        writeArray(out, upperTriangle(adaptation.precision(), OnlineAdaptation.FEATURES));
        out.writeInt(adaptation.origins().length);
        for (double[] origin : adaptation.origins()) {
            writeDoubles(out, origin, 0, origin.length);
        }
        writeArray(out, adaptation.originValues());
        out.writeDouble(adaptation.level());
        out.writeDouble(adaptation.change());
        writeArray(out, adaptation.rawSquare());
        writeArray(out, adaptation.fitSquare());
        writeArray(out, adaptation.blend());
        out.writeLong(adaptation.count());
    }

    private static OnlineAdaptation readAdaptation(DataInputStream in, byte version) throws IOException {
        int features = version == VERSION_5 ? VERSION_5_FEATURES : in.readInt();
        if (features < 1 || features > MAX_FEATURES) {
            throw new SerializationException("series state with " + features + " adaptation features");
        }
        double[] weights = readArray(in);
        double[] precision = version == VERSION_5 ? new double[0]
            : version == VERSION_6 ? readArray(in) : symmetric(readArray(in), features);
        double[][] origins = new double[checkedLength(in, in.readInt(), features * Double.BYTES)][features];
        for (double[] origin : origins) {
            readDoubles(in, origin, 0, origin.length);
        }
        double[] originValues = version <= VERSION_6 ? new double[0] : readArray(in);
        double level = in.readDouble();
        double change = in.readDouble();
        double[] rawSquare = readArray(in);
        double[] fitSquare = readArray(in);
        double[] blend = version <= VERSION_6 ? OnlineAdaptation.blendOf(rawSquare) : readArray(in);
        long count = in.readLong();
        if (features != OnlineAdaptation.FEATURES) {
            weights = widened(weights, features);
            precision = new double[0];
            for (int i = 0; i < origins.length; i++) {
                origins[i] = Arrays.copyOf(origins[i], OnlineAdaptation.FEATURES);
            }
        }
        return new OnlineAdaptation(weights, precision, origins, originValues, level, change, rawSquare, fitSquare,
            blend, count);
    }

    /** The upper triangle, row by row, of a symmetric {@code n x n} matrix (empty for an empty one). */
    private static double[] upperTriangle(double[] matrix, int n) {
        if (matrix.length == 0) {
            return matrix;
        }
        double[] triangle = new double[n * (n + 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                triangle[k++] = matrix[i * n + j];
            }
        }
        return triangle;
    }

    /** The symmetric {@code n x n} matrix whose upper triangle this is. */
    private static double[] symmetric(double[] triangle, int n) {
        if (triangle.length == 0) {
            return triangle;
        }
        if (triangle.length != n * (n + 1) / 2) {
            throw new SerializationException("series state with an inverse correlation triangle of " + triangle.length
                + " values for " + n + " features");
        }
        double[] matrix = new double[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                matrix[i * n + j] = triangle[k];
                matrix[j * n + i] = triangle[k++];
            }
        }
        return matrix;
    }

    /** Weights of {@code features} per step, as weights of the current features (the ones added start at 0). */
    private static double[] widened(double[] weights, int features) {
        int steps = weights.length / features;
        int current = OnlineAdaptation.FEATURES;
        double[] out = new double[steps * current];
        for (int h = 0; h < steps; h++) {
            System.arraycopy(weights, h * features, out, h * current, Math.min(features, current));
        }
        return out;
    }

    private static void writeArray(DataOutputStream out, double[] values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.length);
        writeDoubles(out, values, 0, values.length);
    }

    /**
     * Values {@code from} to {@code to} of {@code values}, as {@code writeDouble} would write them one by one (big
     * endian), in one write: a series state is mostly arrays of doubles, written and read once a step.
     */
    private static void writeDoubles(DataOutputStream out, double[] values, int from, int to) throws IOException {
        if (to <= from) {
            return;
        }
        byte[] bytes = new byte[(to - from) * Double.BYTES];
        ByteBuffer.wrap(bytes).asDoubleBuffer().put(values, from, to - from);
        out.write(bytes);
    }

    /** Reads {@link #writeDoubles}'s bytes into {@code values} from {@code from} to {@code to}. */
    private static void readDoubles(DataInputStream in, double[] values, int from, int to) throws IOException {
        if (to <= from) {
            return;
        }
        byte[] bytes = new byte[(to - from) * Double.BYTES];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(values, from, to - from);
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        double[] values = new double[checkedLength(in, length, Double.BYTES)];
        readDoubles(in, values, 0, length);
        return values;
    }

    /**
     * {@code length} when that many entries of at least {@code bytesEach} bytes can follow, so that a corrupt length
     * is refused rather than allocated.
     */
    private static int checkedLength(DataInputStream in, int length, int bytesEach) throws IOException {
        if (length < 0 || length > in.available() / bytesEach) {
            throw new SerializationException("series state has a length of " + length + " with " + in.available()
                + " bytes left");
        }
        return length;
    }

    private static double[][] readMatrix(DataInputStream in) throws IOException {
        double[][] rows = new double[checkedLength(in, in.readInt(), Integer.BYTES)][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = readArray(in);
        }
        return rows;
    }

    /**
     * Writes the recent forecasts (or their half-widths) as a triangle: row {@code k}, made {@code k} steps before
     * the stored step, is only ever read again at entries {@code k} and on (the next step scores entry {@code k + 1}
     * of the row then at {@code k + 1}, and so on), so the entries before {@code k} are not written; the first row,
     * when it is the pending forecast written just before, is not written again.
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
            writeDoubles(out, row, r, row.length);
        }
    }

    /** Reads {@link #writeRecent}'s layout; the entries not written (already scored or skipped) read back as NaN. */
    private static double[][] readRecent(DataInputStream in, double[] pending) throws IOException {
        double[][] rows = new double[checkedLength(in, in.readInt(), 1)][];
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
            checkedLength(in, Math.max(0, length - r), Double.BYTES);
            double[] row = new double[length];
            Arrays.fill(row, 0, Math.min(r, length), Double.NaN);
            readDoubles(in, row, r, length);
            rows[r] = row;
        }
        return rows;
    }

    private static void writeStatus(DataOutputStream out, AlertStatus status) throws IOException {
        out.writeBoolean(status.alertId() != null);
        if (status.alertId() != null) {
            out.writeUTF(status.alertId());
            out.writeUTF(status.severity().name());
        }
        writeMemory(out, status);
    }

    private static void writeMemory(DataOutputStream out, AlertStatus status) throws IOException {
        out.writeInt(status.abnormalRun());
        out.writeInt(status.normalRun());
        out.writeLong(status.recentAbnormal());
        out.writeLong(status.openedAtMs());
        out.writeLong(status.resolvedAtMs());
        out.writeLong(status.snoozedUntilMs());
        out.writeBoolean(status.held());
    }

    private static AlertStatus readStatus(DataInputStream in) throws IOException {
        String id = null;
        Severity severity = null;
        if (in.readBoolean()) {
            id = in.readUTF();
            severity = valueOf(Severity.class, in.readUTF());
        }
        return readMemory(in, id, severity);
    }

    private static AlertStatus readMemory(DataInputStream in, String id, Severity severity) throws IOException {
        return new AlertStatus(id, severity, in.readInt(), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
            in.readLong(), in.readBoolean());
    }

    private static AlertStatus readLegacyStatus(DataInputStream in, boolean policyMemory) throws IOException {
        String id = null;
        Severity severity = null;
        if (in.readBoolean()) {
            id = in.readUTF();
            severity = legacy(LEGACY_SEVERITIES, in.readByte(), "severity");
        }
        if (!policyMemory) {
            return new AlertStatus(id, severity, in.readInt(), in.readInt());
        }
        return readMemory(in, id, severity);
    }
}
