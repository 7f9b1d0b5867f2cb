package io.vitalcast.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SeriesUpdater;
import io.vitalcast.series.StepValue;
import io.vitalcast.streaming.StreamingSettings;
import io.vitalcast.streaming.TestSettings;
import org.junit.jupiter.api.Test;

class AlertDirectionTest {

    @Test
    void shouldCountOnlyTheConfiguredSideOfTheInterval() {
        assertThat(AlertDirection.BOTH.counts(-1)).isTrue();
        assertThat(AlertDirection.BELOW.counts(-1)).isTrue();
        assertThat(AlertDirection.BELOW.counts(1)).isFalse();
        assertThat(AlertDirection.ABOVE.counts(1)).isTrue();
        assertThat(AlertDirection.parse(" below ")).isEqualTo(AlertDirection.BELOW);
        assertThatThrownBy(() -> AlertDirection.parse("sideways")).hasMessageContaining("both, below or above");
    }

    @Test
    void shouldNotOpenADeviationAlertOnTheIgnoredSide() {
        StreamingSettings base = TestSettings.standard();
        StreamingSettings belowOnly = new StreamingSettings(base.topics(), base.signals(), null, base.grace(), 0.0, 1,
            1, Map.of(), Map.of("heart_rate", new AlertPolicy(0.0, 1, 1, AlertDirection.BELOW)));
        SeriesUpdater updater = new SeriesUpdater(belowOnly.alerting());
        OnlineModel persistence = ModelRegistry.baselines().modelOf("heart_rate");
        SeriesState state = SeriesState.empty();
        List<AlertEvent> alerts = new ArrayList<>();
        double[] values = new double[30];
        for (int s = 0; s < values.length; s++) {
            values[s] = s < 20 ? 70 + (s % 2) : s == 22 ? 100 : s == 26 ? 40 : 70;
        }
        for (int s = 0; s < values.length; s++) {
            SeriesUpdater.Update update = updater.apply(state, new StepValue("p-1", "heart_rate",
                Instant.EPOCH.plus(Duration.ofSeconds(s)).toEpochMilli(), values[s], 1, null),
                base.signals().get("heart_rate"), persistence);
            alerts.addAll(update.alerts());
            state = update.state();
        }

        List<AlertEvent> opened = alerts.stream()
            .filter(a -> a.state() == AlertState.OPEN && a.kind() == AlertKind.DEVIATION).toList();
        assertThat(opened).extracting(AlertEvent::observed).doesNotContain(100.0).contains(40.0);
        assertThat(opened).allSatisfy(a -> assertThat(a.observed()).isLessThan(a.expected()));
    }
}
