package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesStateSerdeTest {

    @Test
    void shouldRoundTripEveryField() {
        SeriesState state = new SeriesState(new double[] {70, 71.5}, 1234L, new double[] {72, 73},
            new double[] {Double.NaN, 2.5}, 0.75, 9L, new AlertStatus("id-1", Severity.CRITICAL, 3, 0),
            AlertStatus.idle(), new AlertStatus(null, null, 1, 2), new double[][] {{72, 73}, {70, 69}},
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
        assertThat(read.recentForecasts()).isDeepEqualTo(state.recentForecasts());
        assertThat(read.recentHalfWidths()[1][0]).isNaN();
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
    void shouldRoundTripTheSignalQualityPart() {
        QualityStatus quality = new QualityStatus(new io.vitalcast.quality.QualityTracker(81.5, 3), 9000L,
            io.vitalcast.quality.QualityProblem.IMPOSSIBLE_JUMP, new AlertStatus("s-1", Severity.WARNING, 2, 0));
        SeriesState state = SeriesState.empty().withQuality(quality);

        assertThat(SeriesStateSerde.read(SeriesStateSerde.write(state)).quality()).isEqualTo(quality);
    }

    @Test
    void shouldReadAVersionOneStateWrittenBeforeSignalQualityWithNoQualityHistory() {
        byte[] current = SeriesStateSerde.write(SeriesState.empty());
        int qualityBytes = 8 + 4 + 8 + 1 + (1 + 4 + 4);
        byte[] versionOne = java.util.Arrays.copyOf(current, current.length - qualityBytes);
        versionOne[0] = 1;

        SeriesState read = SeriesStateSerde.read(versionOne);

        assertThat(read.quality()).isEqualTo(QualityStatus.initial());
        assertThat(read.lastStepMs()).isEqualTo(-1);
    }
}
