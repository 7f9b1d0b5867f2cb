package io.vitalcast.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vitalcast.data.Reading;
import io.vitalcast.errors.UserException;
import org.junit.jupiter.api.Test;

class PatientMappingTest {
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");
    private static final List<Reading> RECORDING = List.of(
        new Reading(T0, "mitdb-100", "heart_rate", 70, "bpm"),
        new Reading(T0, "mitdb-105", "heart_rate", 80, "bpm"),
        new Reading(T0.plusSeconds(1), "mitdb-100", "heart_rate", 71, "bpm"));

    @Test
    void shouldKeepIdsByDefault() {
        assertThat(PatientMapping.identity().apply(RECORDING)).isEqualTo(RECORDING);
    }

    @Test
    void shouldRenameMappedPatientsAndKeepTheOthers() {
        List<Reading> mapped = new PatientMapping(Map.of("mitdb-100", "bed-7"), null, 1, Duration.ZERO)
            .apply(RECORDING);

        assertThat(mapped).extracting(Reading::patientId).containsExactly("bed-7", "mitdb-105", "bed-7");
    }

    @Test
    void shouldReplayEverythingAsOnePatient() {
        assertThat(new PatientMapping(null, "demo", 1, Duration.ZERO).apply(RECORDING))
            .extracting(Reading::patientId).containsOnly("demo");
    }

    @Test
    void shouldMakeTimeShiftedCopiesInTimeOrder() {
        List<Reading> mapped = new PatientMapping(null, "bed", 3, Duration.ofMillis(500))
            .apply(List.of(RECORDING.get(0), RECORDING.get(2)));

        assertThat(mapped).extracting(Reading::patientId)
            .containsExactly("bed-1", "bed-2", "bed-1", "bed-3", "bed-2", "bed-3");
        assertThat(mapped).extracting(Reading::timestamp).containsExactly(T0, T0.plusMillis(500),
            T0.plusSeconds(1), T0.plusSeconds(1), T0.plusMillis(1500), T0.plusSeconds(2));
    }

    @Test
    void shouldRefuseToRenameAPatientThatIsNotThere() {
        PatientMapping mapping = new PatientMapping(Map.of("nobody", "x"), null, 1, Duration.ZERO);

        assertThatThrownBy(() -> mapping.apply(RECORDING)).isInstanceOf(UserException.class)
            .hasMessageContaining("nobody").hasMessageContaining("mitdb-100");
    }

    @Test
    void shouldRefuseConflictingOrImpossibleOptions() {
        assertThatThrownBy(() -> new PatientMapping(Map.of("a", "b"), "c", 1, Duration.ZERO))
            .isInstanceOf(UserException.class);
        assertThatThrownBy(() -> new PatientMapping(null, null, 0, Duration.ZERO))
            .isInstanceOf(UserException.class);
        assertThatThrownBy(() -> new PatientMapping(null, null, 2, Duration.ofSeconds(-1)))
            .isInstanceOf(UserException.class);
    }
}
