package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
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
import org.junit.jupiter.api.Test;

public class SeriesStateSerdeTest {
    /**
     * A stateful model's series state as version 2 wrote it (recorded with that writer): history 70, 71 at 3 s, three
     * steps of a segment and a recurrent state of three values, but no word of which model made it.
     */
    public static final byte[] VERSION_2_STATEFUL = HexFormat.of().parseHex(String.join("",
        "02",
        "00000002" + "4051800000000000" + "4051c00000000000",
        "0000000000000bb8",
        "ffffffff" + "ffffffff",
        "3fe0000000000000" + "0000000000000002",
        "00" + "00000000" + "00000000" + "0000000000000000" + "ffffffffffffffff".repeat(3) + "00",
        "00" + "00000000" + "00000000" + "0000000000000000" + "ffffffffffffffff".repeat(3) + "00",
        "00" + "00000000" + "00000000" + "0000000000000000" + "ffffffffffffffff".repeat(3) + "00",
        "00000000" + "00",
        "00000000" + "00",
        "00000003" + "4008000000000000" + "406a400000000000" + "4000000000000000",
        "0000000000000003",
        "7ff8000000000000" + "00000000" + "ffffffffffffffff" + "ff",
        "00" + "00000000" + "00000000" + "0000000000000000" + "ffffffffffffffff".repeat(3) + "00"));

    @Test
    void shouldRoundTripEveryField() {
        SeriesState state = state(new double[] {70, 71.5}, 1234L, new double[] {72, 73},
            new double[] {Double.NaN, 2.5}, 0.75, 9L, new AlertStatus("id-1", Severity.CRITICAL, 3, 0),
            new AlertStatus(null, null, 0, 4, 0b1011L, -1, 900L, 5000L, true),
            new AlertStatus("id-2", Severity.WARNING, 1, 0, 1L, 1000L, -1, -1, false),
            new double[][] {{72, 73}, {70, 69}},
            new double[][] {{1, 2}, {Double.NaN, 3}});
        SeriesStateSerde serde = new SeriesStateSerde();

        SeriesState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read.steps().values()).containsExactly(70, 71.5);
        assertThat(read.steps().lastStepMs()).isEqualTo(1234L);
        assertThat(read.forecasts().pending()).containsExactly(72, 73);
        assertThat(read.forecasts().pendingHalfWidths()[0]).isNaN();
        assertThat(read.residuals()).isEqualTo(new Residuals(0.75, 9L));
        assertThat(read.alerts()).isEqualTo(state.alerts());
        assertThat(read.alerts().of(AlertKind.DEVIATION)).isEqualTo(state.alerts().of(AlertKind.DEVIATION));
        assertThat(read.alerts().of(AlertKind.LIMIT)).isEqualTo(state.alerts().of(AlertKind.LIMIT));
        assertThat(read.alerts().of(AlertKind.PREDICTED_LIMIT))
            .isEqualTo(state.alerts().of(AlertKind.PREDICTED_LIMIT));
        assertThat(read.forecasts().rows()[0]).containsExactly(72, 73);
        assertThat(read.forecasts().rows()[1][1]).isEqualTo(69);
        assertThat(read.forecasts().halfWidthRows()[0]).containsExactly(1, 2);
        assertThat(read.forecasts().halfWidthRows()[1][1]).isEqualTo(3);
    }

    @Test
    void shouldWriteOnlyTheRecentForecastEntriesStillToBeScored() {
        int horizon = 10;
        double[][] recent = new double[horizon][horizon];
        double[][] widths = new double[horizon][horizon];
        for (int k = 0; k < horizon; k++) {
            for (int h = 0; h < horizon; h++) {
                recent[k][h] = 70 + k + h / 10.0;
                widths[k][h] = 1 + k + h / 100.0;
            }
        }
        SeriesState state = state(new double[] {70}, 1234L, recent[0], widths[0], 0.5, 3L,
            AlertStatus.idle(), AlertStatus.idle(), AlertStatus.idle(), recent, widths);
        SeriesState withoutRecent = state(new double[] {70}, 1234L, recent[0], widths[0], 0.5, 3L,
            AlertStatus.idle(), AlertStatus.idle(), AlertStatus.idle(), null, null);

        SeriesState read = SeriesStateSerde.read(SeriesStateSerde.write(state));

        int rowsAfterTheFirst = horizon - 1;
        int entriesStillToScore = horizon * (horizon + 1) / 2 - horizon;
        assertThat(SeriesStateSerde.write(state).length - SeriesStateSerde.write(withoutRecent).length)
            .isEqualTo(2 * (rowsAfterTheFirst * Integer.BYTES + entriesStillToScore * Double.BYTES));
        assertThat(read.forecasts().rows()).hasNumberOfRows(horizon);
        assertThat(read.forecasts().rows()[0]).isSameAs(read.forecasts().pending()).containsExactly(recent[0]);
        assertThat(read.forecasts().halfWidthRows()[0]).isSameAs(read.forecasts().pendingHalfWidths())
            .containsExactly(widths[0]);
        for (int k = 1; k < horizon; k++) {
            assertThat(Arrays.copyOfRange(read.forecasts().rows()[k], k, horizon))
                .containsExactly(Arrays.copyOfRange(recent[k], k, horizon));
            assertThat(Arrays.copyOfRange(read.forecasts().halfWidthRows()[k], k, horizon))
                .containsExactly(Arrays.copyOfRange(widths[k], k, horizon));
            assertThat(Arrays.copyOf(read.forecasts().rows()[k], k)).containsOnly(Double.NaN);
        }
    }

    @Test
    void shouldReadAVersionOneStateWithoutThePolicyMemoryNorAModelState() throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(1);
            out.writeDouble(70);
            out.writeLong(1000L);
            out.writeInt(-1);
            out.writeInt(-1);
            out.writeDouble(0.5);
            out.writeLong(3L);
            out.writeBoolean(true);
            out.writeUTF("id-1");
            out.writeByte(Severity.WARNING.ordinal());
            out.writeInt(2);
            out.writeInt(0);
            for (int i = 0; i < 2; i++) {
                out.writeBoolean(false);
                out.writeInt(0);
                out.writeInt(1);
            }
            out.writeInt(0);
            out.writeInt(0);
        }

        SeriesState read = new SeriesStateSerde().deserializer().deserialize("t", bytes.toByteArray());

        assertThat(read.alerts().of(AlertKind.DEVIATION)).isEqualTo(new AlertStatus("id-1", Severity.WARNING, 2, 0));
        assertThat(read.alerts().of(AlertKind.DEVIATION).openedAtMs()).isEqualTo(-1);
        assertThat(read.alerts().of(AlertKind.LIMIT)).isEqualTo(new AlertStatus(null, null, 0, 1));
        assertThat(read.steps().values()).containsExactly(70);
        assertThat(read.model().state()).isNull();
        assertThat(read.steps().segmentSteps()).isZero();
        assertThat(read.quality()).isEqualTo(QualityStatus.initial());
        assertThat(read.alerts().of(AlertKind.SENSOR)).isEqualTo(AlertStatus.idle());
    }

    @Test
    void shouldRoundTripAnEmptyStateAndRefuseAnUnknownVersion() {
        SeriesStateSerde serde = new SeriesStateSerde();
        byte[] bytes = serde.serializer().serialize("t", SeriesState.empty());

        assertThat(serde.deserializer().deserialize("t", bytes).forecasts().pending()).isNull();
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).hasMessageContaining("version 9");
    }

    @Test
    void shouldRoundTripAStatefulModelsStateWithTheFingerprintOfItsModel() {
        SeriesStateSerde serde = new SeriesStateSerde();
        SeriesState stateful = new SeriesState(new StepHistory(new double[] {70, 71}, 99L, 42L), null, null,
            new ModelMemory(new double[] {0.25, -0.5, 1e-9}, 0x8badf00ddeadbeefL), null, null);

        byte[] bytes = serde.serializer().serialize("t", stateful);
        SeriesState read = serde.deserializer().deserialize("t", bytes);

        assertThat(bytes[0]).isEqualTo((byte) 7);
        assertThat(read.model().state()).containsExactly(0.25, -0.5, 1e-9);
        assertThat(read.model().fingerprint()).isEqualTo(0x8badf00ddeadbeefL);
        assertThat(read.steps().segmentSteps()).isEqualTo(42L);
        assertThat(read.steps().values()).containsExactly(70, 71);
    }

    @Test
    void shouldReadAVersionTwoStateAsOneOfAnUnknownModel() {
        SeriesState read = SeriesStateSerde.read(VERSION_2_STATEFUL);

        assertThat(read.steps().values()).containsExactly(70, 71);
        assertThat(read.steps().lastStepMs()).isEqualTo(3000L);
        assertThat(read.residuals()).isEqualTo(new Residuals(0.5, 2L));
        assertThat(read.model().state()).containsExactly(3, 210, 2);
        assertThat(read.steps().segmentSteps()).isEqualTo(3L);
        assertThat(read.model().fingerprint()).isEqualTo(ModelFingerprint.UNKNOWN);
        assertThat(read.quality()).isEqualTo(QualityStatus.initial());
        assertThat(read.alerts()).isEqualTo(AlertStates.idle());
    }

    @Test
    void shouldRoundTripTheOnlineCalibrationOfTheIntervals() {
        OnlineCalibration calibration = OnlineCalibration.none().observe(1, false, 0.9, 0.05)
            .observe(3, true, 0.9, 0.05);
        SeriesState state = new SeriesState(null, null, null, null, null, null, calibration);

        SeriesState read = SeriesStateSerde.read(SeriesStateSerde.write(state));

        assertThat(read.intervals().logScales()).containsExactly(calibration.logScales());
        assertThat(SeriesStateSerde.read(VERSION_3_FULL).intervals().logScales()).as("older states: none").isEmpty();
    }

    @Test
    void shouldRoundTripTheSignalQualityPart() {
        QualityStatus quality = new QualityStatus(new QualityTracker(81.5, 3), 9000L,
            QualityProblem.IMPOSSIBLE_JUMP);
        AlertStates sensor = AlertStates.idle().with(AlertKind.SENSOR, new AlertStatus("s-1", Severity.WARNING, 2, 0));
        SeriesState state = SeriesState.empty().afterBadStep(quality, sensor);

        SeriesState read = SeriesStateSerde.read(SeriesStateSerde.write(state));

        assertThat(read.quality()).isEqualTo(quality);
        assertThat(read.alerts()).isEqualTo(sensor);
    }

    /**
     * A series state as version 3 wrote it (recorded with that writer before the state was split into parts):
     * every part set, a CRITICAL DEVIATION open, a held-back LIMIT episode, an open PREDICTED_LIMIT, a flat line and
     * an open SENSOR alert, severities and the quality problem by their ordinals of the time.
     */
    static final byte[] VERSION_3_FULL = HexFormat.of().parseHex(String.join("",
        "03",
        "00000002" + "4051800000000000" + "4051e00000000000",
        "0000000000001388",
        "00000002" + "4052000000000000" + "4052400000000000",
        "00000002" + "3ff8000000000000" + "4004000000000000",
        "3fe8000000000000" + "0000000000000009",
        "01" + "0005" + "6465762d31" + "02" + "00000003" + "00000000" + "0000000000000007" + "00000000000007d0"
            + "ffffffffffffffff" + "ffffffffffffffff" + "00",
        "00" + "00000000" + "00000004" + "000000000000000b" + "ffffffffffffffff" + "0000000000000384"
            + "0000000000001770" + "01",
        "01" + "0006" + "707265642d31" + "01" + "00000001" + "00000000" + "0000000000000001" + "0000000000000fa0"
            + "0000000000000064" + "ffffffffffffffff" + "00",
        "00000002" + "01" + "00000002" + "4051400000000000",
        "00000002" + "01" + "00000002" + "4008000000000000",
        "00000003" + "3fb999999999999a" + "bfc999999999999a" + "3fd3333333333333",
        "1234567890abcdef",
        "0000000000000007",
        "4051e00000000000" + "00000002" + "0000000000001388" + "01",
        "01" + "0008" + "73656e736f722d31" + "01" + "00000002" + "00000000" + "0000000000000000"
            + "ffffffffffffffff" + "000000000000012c" + "0000000000001f40" + "00"));

    @Test
    void shouldReadAVersionThreeStateIntoItsPartsWithEnumsFromTheirOldOrdinals() {
        SeriesState read = SeriesStateSerde.read(VERSION_3_FULL);

        assertThat(read.steps()).usingRecursiveComparison()
            .isEqualTo(new StepHistory(new double[] {70, 71.5}, 5000L, 7L));
        assertThat(read.forecasts().pending()).containsExactly(72, 73);
        assertThat(read.forecasts().pendingHalfWidths()).containsExactly(1.5, 2.5);
        assertThat(read.forecasts().rows()[1][1]).isEqualTo(69);
        assertThat(read.forecasts().halfWidthRows()[1][1]).isEqualTo(3);
        assertThat(read.residuals()).isEqualTo(new Residuals(0.75, 9L));
        assertThat(read.model().state()).containsExactly(0.1, -0.2, 0.3);
        assertThat(read.model().fingerprint()).isEqualTo(0x1234567890abcdefL);
        assertThat(read.quality()).isEqualTo(new QualityStatus(new QualityTracker(71.5, 2), 5000L,
            QualityProblem.FLAT_LINE));
        assertThat(read.alerts().of(AlertKind.DEVIATION))
            .isEqualTo(new AlertStatus("dev-1", Severity.CRITICAL, 3, 0, 0b111L, 2000L, -1, -1, false));
        assertThat(read.alerts().of(AlertKind.LIMIT))
            .isEqualTo(new AlertStatus(null, null, 0, 4, 0b1011L, -1, 900L, 6000L, true));
        assertThat(read.alerts().of(AlertKind.PREDICTED_LIMIT))
            .isEqualTo(new AlertStatus("pred-1", Severity.WARNING, 1, 0, 1L, 4000L, 100L, -1, false));
        assertThat(read.alerts().of(AlertKind.SENSOR))
            .isEqualTo(new AlertStatus("sensor-1", Severity.WARNING, 2, 0, 0L, -1, 300L, 8000L, false));
    }

    @Test
    void shouldWriteEveryEnumByNameAndReadTheSameState() {
        SeriesState read = SeriesStateSerde.read(VERSION_3_FULL);

        byte[] written = SeriesStateSerde.write(read);
        SeriesState again = SeriesStateSerde.read(written);

        String text = new String(written, StandardCharsets.ISO_8859_1);
        assertThat(written[0]).isEqualTo((byte) 7);
        assertThat(text).contains("CRITICAL", "WARNING", "FLAT_LINE", "DEVIATION", "LIMIT", "PREDICTED_LIMIT",
            "SENSOR");
        assertThat(again).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class)
            .isEqualTo(read);
    }

    @Test
    void shouldRoundTripTheOnlineAdaptationWithTheFeaturesOfItsPendingOrigins() {
        int features = OnlineAdaptation.FEATURES;
        double[] weights = new double[2 * features];
        double[] precision = new double[features * features];
        double[][] origins = new double[2][features];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = 0.5 - 0.125 * k;
        }
        for (int i = 0; i < features; i++) {
            for (int j = 0; j < features; j++) {
                precision[i * features + j] = 0.25 * (i + j) + (i == j ? 3 : 0);
            }
        }
        for (int j = 0; j < features; j++) {
            origins[0][j] = j % 2 == 0 ? 0.5 * j : -j;
        }
        origins[1][0] = 1;
        OnlineAdaptation adaptation = new OnlineAdaptation(weights, precision, origins, new double[] {72, 70.5},
            71.5, 1.25,
            new double[] {4, 5}, new double[] {3, 6}, new double[] {2.5, 1.5, 0.25, 1, -0.5, 3}, 123);
        SeriesState state = new SeriesState(StepHistory.empty(), null, null, null, null, null,
            OnlineCalibration.none(), adaptation);

        SeriesState read = SeriesStateSerde.read(SeriesStateSerde.write(state));

        assertThat(read.adaptation()).usingRecursiveComparison().isEqualTo(adaptation);
    }

    @Test
    void shouldWriteTheInverseCorrelationAsItsUpperTriangle() {
        int features = OnlineAdaptation.FEATURES;
        OnlineAdaptation learned = OnlineAdaptation.none().observe(new double[] {1, 2});
        SeriesState state = new SeriesState(StepHistory.empty(), null, null, null, null, null,
            OnlineCalibration.none(), learned);
        SeriesState without = new SeriesState(StepHistory.empty(), null, null, null, null, null,
            OnlineCalibration.none(), new OnlineAdaptation(learned.weights(), new double[0], learned.origins(),
                learned.originValues(), learned.level(), learned.change(), learned.rawSquare(), learned.fitSquare(),
                learned.blend(), learned.count()));

        assertThat(SeriesStateSerde.write(state).length - SeriesStateSerde.write(without).length)
            .isEqualTo(features * (features + 1) / 2 * Double.BYTES);
        assertThat(SeriesStateSerde.read(SeriesStateSerde.write(state)).adaptation().precision())
            .containsExactly(learned.precision());
    }

    /** The end of a version-5 or -6 adaptation: level 71.5, change 1.25, errors 4 (raw) and 3 at step 1, 60 seen. */
    private static void writeOlderAdaptationsEnd(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeDouble(71.5);
        out.writeDouble(1.25);
        for (double[] values : new double[][] {{4}, {3}}) {
            out.writeInt(values.length);
            out.writeDouble(values[0]);
        }
        out.writeLong(60);
    }

    /** An empty state as this version writes it, up to its adaptation, for an older layout of the adaptation. */
    private static java.io.ByteArrayOutputStream emptyStateBeforeItsAdaptation() {
        byte[] current = SeriesStateSerde.write(SeriesState.empty());
        int tail = 5 * Integer.BYTES + 2 * Double.BYTES + 3 * Integer.BYTES + Long.BYTES;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(current, 0, current.length - tail);
        return bytes;
    }

    @Test
    void shouldReadAVersionSixAdaptationWithItsBlendNotLearnedYet() throws Exception {
        java.io.ByteArrayOutputStream bytes = emptyStateBeforeItsAdaptation();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        int features = OnlineAdaptation.FEATURES;
        out.writeInt(features);
        out.writeInt(features);
        for (int j = 0; j < features; j++) {
            out.writeDouble(j == 0 ? 0.5 : 0);
        }
        out.writeInt(features * features);
        for (int k = 0; k < features * features; k++) {
            out.writeDouble(k % (features + 1) == 0 ? 2 : 0.125);
        }
        out.writeInt(0);
        writeOlderAdaptationsEnd(out);
        byte[] version6 = bytes.toByteArray();
        version6[0] = 6;

        OnlineAdaptation read = SeriesStateSerde.read(version6).adaptation();

        assertThat(read.precision()).hasSize(features * features).contains(2.0, 0.125);
        assertThat(read.blend()).containsExactly(0, 0, 4);
        assertThat(read.originValues()).isEmpty();
        assertThat(read.applies(1)).isTrue();
        assertThat(read.blends(1)).isFalse();
    }

    @Test
    void shouldReadAVersionFourBiasAsTheInterceptOfTheCorrectionWithItsGuard() throws Exception {
        java.io.ByteArrayOutputStream bytes = emptyStateBeforeItsAdaptation();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        for (double[] values : new double[][] {{2.5, -1}, {9, 4}, {1, 9}}) {
            out.writeInt(values.length);
            for (double v : values) {
                out.writeDouble(v);
            }
        }
        out.writeLong(77);
        byte[] version4 = bytes.toByteArray();
        version4[0] = 4;

        OnlineAdaptation read = SeriesStateSerde.read(version4).adaptation();

        assertThat(read.bias()).containsExactly(2.5, -1);
        assertThat(read.count()).isEqualTo(77);
        assertThat(read.applies(1)).isTrue();
        assertThat(read.applies(2)).as("its guard kept: the correction was worse at step 2").isFalse();
        assertThat(read.offsets(2, read.features(new double[] {70, 72, 71}))).containsExactly(2.5, 0);
    }

    @Test
    void shouldReadAVersionFiveAdaptationOfFourFeaturesWithItsWeightsAndTheOthersAtZero() throws Exception {
        java.io.ByteArrayOutputStream bytes = emptyStateBeforeItsAdaptation();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        double[] weights = {0.5, -0.25, 0.125, 1};
        out.writeInt(weights.length);
        for (double w : weights) {
            out.writeDouble(w);
        }
        out.writeInt(1);
        for (double x : new double[] {1, 0.5, -0.5, 2}) {
            out.writeDouble(x);
        }
        writeOlderAdaptationsEnd(out);
        byte[] version5 = bytes.toByteArray();
        version5[0] = 5;

        OnlineAdaptation read = SeriesStateSerde.read(version5).adaptation();

        double[] widened = java.util.Arrays.copyOf(weights, OnlineAdaptation.FEATURES);
        assertThat(read.weights()).containsExactly(widened);
        assertThat(read.origins()[0]).containsExactly(java.util.Arrays.copyOf(new double[] {1, 0.5, -0.5, 2},
            OnlineAdaptation.FEATURES));
        assertThat(read.precision()).isEmpty();
        assertThat(read.level()).isEqualTo(71.5);
        assertThat(read.count()).isEqualTo(60);
        assertThat(read.applies(1)).isTrue();
        assertThat(read.observe(new double[] {1}).precision()).hasSize(OnlineAdaptation.FEATURES
            * OnlineAdaptation.FEATURES);
    }

    @Test
    void shouldSkipTheStateOfAnAlertKindThisVersionDoesNotKnow() {
        AlertStates known = AlertStates.idle().with(AlertKind.LIMIT, new AlertStatus("l-1", Severity.CRITICAL, 1, 0));
        byte[] written = SeriesStateSerde.write(SeriesState.empty().afterBadStep(QualityStatus.initial(), known));
        String text = new String(written, StandardCharsets.ISO_8859_1);
        byte[] renamed = text.replace("LIMIT", "LIMBO").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(SeriesStateSerde.read(written).alerts()).isEqualTo(known);
        assertThat(SeriesStateSerde.read(renamed).alerts()).isEqualTo(AlertStates.idle());
    }

    @Test
    void shouldRefuseACorruptLengthRatherThanAllocateIt() {
        byte[] corrupt = HexFormat.of().parseHex("04" + "7fffffff" + "4051800000000000");

        assertThatThrownBy(() -> SeriesStateSerde.read(corrupt))
            .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
            .hasMessageContaining("length of 2147483647");
    }

    @Test
    void shouldRefuseATruncatedStateWithASerializationException() {
        byte[] whole = SeriesStateSerde.write(SeriesState.empty());

        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> SeriesStateSerde.read(cut)).as("cut to %d bytes", length)
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
        }
    }

    @Test
    void shouldRefuseASeverityNameThisVersionDoesNotKnow() {
        AlertStates known = AlertStates.idle().with(AlertKind.LIMIT, new AlertStatus("l-1", Severity.CRITICAL, 1, 0));
        String text = new String(SeriesStateSerde.write(SeriesState.empty().afterBadStep(QualityStatus.initial(),
            known)), StandardCharsets.ISO_8859_1);
        byte[] renamed = text.replace("CRITICAL", "CRITICAX").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> SeriesStateSerde.read(renamed)).hasMessageContaining("Severity CRITICAX");
    }

    private static SeriesState state(double[] history, long lastStepMs, double[] pending, double[] pendingWidths,
                                     double residualMae, long residualCount, AlertStatus deviation, AlertStatus limit,
                                     AlertStatus predicted, double[][] recent, double[][] recentWidths) {
        return new SeriesState(new StepHistory(history, lastStepMs, 0),
            new RecentForecasts(pending, pendingWidths, recent, recentWidths), new Residuals(residualMae, residualCount),
            ModelMemory.none(), AlertStates.of(Map.of(AlertKind.DEVIATION, deviation, AlertKind.LIMIT, limit,
                AlertKind.PREDICTED_LIMIT, predicted)), QualityStatus.initial());
    }
}
