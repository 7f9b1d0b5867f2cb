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
    void shouldRoundTripAStatefulModelsStateAndReadAVersion1StateWithoutOne() {
        SeriesStateSerde serde = new SeriesStateSerde();
        SeriesState stateful = new SeriesState(new double[] {70, 71}, 99L, null, null, 0, 0, AlertStatus.idle(),
            AlertStatus.idle(), AlertStatus.idle(), null, null, new double[] {0.25, -0.5, 1e-9}, 42L);
        SeriesState windowModel = new SeriesState(new double[] {70, 71}, 99L, new double[] {72}, new double[] {1},
            0.5, 3L, AlertStatus.idle(), AlertStatus.idle(), AlertStatus.idle(), new double[][] {{72}},
            new double[][] {{1}});

        SeriesState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", stateful));
        byte[] version2 = serde.serializer().serialize("t", windowModel);
        // version 1 was version 2 without the trailing model state (here absent: length -1) and segment steps
        byte[] version1 = java.util.Arrays.copyOf(version2, version2.length - 12);
        version1[0] = 1;
        SeriesState old = serde.deserializer().deserialize("t", version1);

        assertThat(read.modelState()).containsExactly(0.25, -0.5, 1e-9);
        assertThat(read.segmentSteps()).isEqualTo(42L);
        assertThat(old.modelState()).isNull();
        assertThat(old.segmentSteps()).isZero();
        assertThat(old.history()).containsExactly(70, 71);
        assertThat(old.recentForecasts()).isDeepEqualTo(new double[][] {{72}});
    }
}
