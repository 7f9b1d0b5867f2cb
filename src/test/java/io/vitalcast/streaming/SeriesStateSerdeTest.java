package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;

import io.vitalcast.alerting.AlertStatus;
import io.vitalcast.alerting.Severity;
import io.vitalcast.forecasting.ModelFingerprint;
import io.vitalcast.series.QualityStatus;
import io.vitalcast.series.SeriesState;
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
        SeriesState state = new SeriesState(new double[] {70, 71.5}, 1234L, new double[] {72, 73},
            new double[] {Double.NaN, 2.5}, 0.75, 9L, new AlertStatus("id-1", Severity.CRITICAL, 3, 0),
            new AlertStatus(null, null, 0, 4, 0b1011L, -1, 900L, 5000L, true),
            new AlertStatus("id-2", Severity.WARNING, 1, 0, 1L, 1000L, -1, -1, false),
            new double[][] {{72, 73}, {70, 69}},
            new double[][] {{1, 2}, {Double.NaN, 3}});
        SeriesStateSerde serde = new SeriesStateSerde();

        SeriesState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read.history()).containsExactly(70, 71.5);
        assertThat(read.lastStepMs()).isEqualTo(1234L);
        assertThat(read.pendingForecast()).containsExactly(72, 73);
        assertThat(read.pendingHalfWidth()[0]).isNaN();
        assertThat(read.residualMae()).isEqualTo(0.75);
        assertThat(read.residualCount()).isEqualTo(9L);
        assertThat(read.deviation()).isEqualTo(state.deviation());
        assertThat(read.limit()).isEqualTo(state.limit());
        assertThat(read.predicted()).isEqualTo(state.predicted());
        assertThat(read.recentForecasts()[0]).containsExactly(72, 73);
        assertThat(read.recentForecasts()[1][1]).isEqualTo(69);
        assertThat(read.recentHalfWidths()[0]).containsExactly(1, 2);
        assertThat(read.recentHalfWidths()[1][1]).isEqualTo(3);
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
        SeriesState state = new SeriesState(new double[] {70}, 1234L, recent[0], widths[0], 0.5, 3L,
            AlertStatus.idle(), AlertStatus.idle(), AlertStatus.idle(), recent, widths);
        SeriesState withoutRecent = new SeriesState(new double[] {70}, 1234L, recent[0], widths[0], 0.5, 3L,
            AlertStatus.idle(), AlertStatus.idle(), AlertStatus.idle(), null, null);

        SeriesState read = SeriesStateSerde.read(SeriesStateSerde.write(state));

        int rowsAfterTheFirst = horizon - 1;
        int entriesStillToScore = horizon * (horizon + 1) / 2 - horizon;
        assertThat(SeriesStateSerde.write(state).length - SeriesStateSerde.write(withoutRecent).length)
            .isEqualTo(2 * (rowsAfterTheFirst * Integer.BYTES + entriesStillToScore * Double.BYTES));
        assertThat(read.recentForecasts()).hasNumberOfRows(horizon);
        assertThat(read.recentForecasts()[0]).isSameAs(read.pendingForecast()).containsExactly(recent[0]);
        assertThat(read.recentHalfWidths()[0]).isSameAs(read.pendingHalfWidth()).containsExactly(widths[0]);
        for (int k = 1; k < horizon; k++) {
            assertThat(Arrays.copyOfRange(read.recentForecasts()[k], k, horizon))
                .containsExactly(Arrays.copyOfRange(recent[k], k, horizon));
            assertThat(Arrays.copyOfRange(read.recentHalfWidths()[k], k, horizon))
                .containsExactly(Arrays.copyOfRange(widths[k], k, horizon));
            assertThat(Arrays.copyOf(read.recentForecasts()[k], k)).containsOnly(Double.NaN);
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

        assertThat(read.deviation()).isEqualTo(new AlertStatus("id-1", Severity.WARNING, 2, 0));
        assertThat(read.deviation().openedAtMs()).isEqualTo(-1);
        assertThat(read.limit()).isEqualTo(new AlertStatus(null, null, 0, 1));
        assertThat(read.history()).containsExactly(70);
        assertThat(read.modelState()).isNull();
        assertThat(read.segmentSteps()).isZero();
        assertThat(read.quality()).isEqualTo(QualityStatus.initial());
    }

    @Test
    void shouldRoundTripAnEmptyStateAndRefuseAnUnknownVersion() {
        SeriesStateSerde serde = new SeriesStateSerde();
        byte[] bytes = serde.serializer().serialize("t", SeriesState.empty());

        assertThat(serde.deserializer().deserialize("t", bytes).pendingForecast()).isNull();
        bytes[0] = 9;
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).hasMessageContaining("version 9");
    }

    @Test
    void shouldRoundTripAStatefulModelsStateWithTheFingerprintOfItsModel() {
        SeriesStateSerde serde = new SeriesStateSerde();
        SeriesState stateful = new SeriesState(new double[] {70, 71}, 99L, null, null, 0, 0, AlertStatus.idle(),
            AlertStatus.idle(), AlertStatus.idle(), null, null, new double[] {0.25, -0.5, 1e-9},
            0x8badf00ddeadbeefL, 42L);

        byte[] bytes = serde.serializer().serialize("t", stateful);
        SeriesState read = serde.deserializer().deserialize("t", bytes);

        assertThat(bytes[0]).isEqualTo((byte) 3);
        assertThat(read.modelState()).containsExactly(0.25, -0.5, 1e-9);
        assertThat(read.modelFingerprint()).isEqualTo(0x8badf00ddeadbeefL);
        assertThat(read.segmentSteps()).isEqualTo(42L);
        assertThat(read.history()).containsExactly(70, 71);
    }

    @Test
    void shouldReadAVersionTwoStateAsOneOfAnUnknownModel() {
        SeriesState read = SeriesStateSerde.read(VERSION_2_STATEFUL);

        assertThat(read.history()).containsExactly(70, 71);
        assertThat(read.lastStepMs()).isEqualTo(3000L);
        assertThat(read.residualMae()).isEqualTo(0.5);
        assertThat(read.residualCount()).isEqualTo(2L);
        assertThat(read.modelState()).containsExactly(3, 210, 2);
        assertThat(read.segmentSteps()).isEqualTo(3L);
        assertThat(read.modelFingerprint()).isEqualTo(ModelFingerprint.UNKNOWN);
        assertThat(read.quality()).isEqualTo(QualityStatus.initial());
    }

    @Test
    void shouldRoundTripTheSignalQualityPart() {
        QualityStatus quality = new QualityStatus(new io.vitalcast.quality.QualityTracker(81.5, 3), 9000L,
            io.vitalcast.quality.QualityProblem.IMPOSSIBLE_JUMP, new AlertStatus("s-1", Severity.WARNING, 2, 0));
        SeriesState state = SeriesState.empty().withQuality(quality);

        assertThat(SeriesStateSerde.read(SeriesStateSerde.write(state)).quality()).isEqualTo(quality);
    }
}
