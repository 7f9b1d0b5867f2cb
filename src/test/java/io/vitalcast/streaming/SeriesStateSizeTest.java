package io.vitalcast.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.vitalcast.data.Reading;
import io.vitalcast.data.ReadingsCsv;
import io.vitalcast.data.SignalSpec;
import io.vitalcast.forecasting.ModelRegistry;
import io.vitalcast.forecasting.OnlineModel;
import io.vitalcast.forecasting.TrainedForecaster;
import io.vitalcast.modelfile.ModelFile;
import io.vitalcast.series.OnlineLearning;
import io.vitalcast.series.SeriesState;
import io.vitalcast.series.SeriesUpdater;
import io.vitalcast.series.StepValue;
import org.junit.jupiter.api.Test;

/** What one series costs in its store: the state of a shipped stateful LSTM series, with its online learning. */
class SeriesStateSizeTest {

    @Test
    void shouldKeepAStatefulLstmSeriesWithItsOnlineLearningUnderFiveKilobytes() {
        TrainedForecaster forecaster = TrainedForecaster.of(ModelFile.read(
            Path.of("samples", "models", "ecg_heart_rate.json")));
        OnlineModel model = ModelRegistry.of(forecaster).modelOf("ecg_heart_rate");
        SignalSpec spec = io.vitalcast.data.SignalCatalog.defaults().spec("ecg_heart_rate")
            .withStep(java.time.Duration.ofSeconds(1));
        List<Reading> readings = ReadingsCsv.readLong(Path.of("samples", "mitdb-105_ecg_heart_rate_1hz.csv"));
        SeriesUpdater updater = new SeriesUpdater(TestSettings.standard().alerting(), OnlineLearning.DEFAULT);
        SeriesState state = SeriesState.empty();
        byte[] bytes = SeriesStateSerde.write(state);
        for (Reading r : readings) {
            SeriesUpdater.Update update = updater.apply(state, new StepValue(r.patientId(), r.signal(),
                r.timestamp().toEpochMilli(), r.value(), 1, null), spec, model);
            state = update.state();
            bytes = SeriesStateSerde.write(state);
        }

        assertThat(state.adaptation().count()).as("the adaptation ran").isGreaterThan(1000);
        assertThat(state.adaptation().origins()).hasNumberOfRows(model.horizon());
        assertThat(bytes.length).as("serialised series state").isLessThan(5 * 1024);
        System.out.printf("stateful ECG heart-rate LSTM series state: %d bytes%n", bytes.length);
    }
}
