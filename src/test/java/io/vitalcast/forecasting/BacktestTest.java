package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vitalcast.data.Segment;
import io.vitalcast.data.WindowDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestTest {
    @TempDir
    Path temp;

    /** A linear drift plus a small alternating wobble: Holt should beat persistence at every step. */
    private static WindowDataset drift() {
        double[] values = new double[400];
        for (int t = 0; t < values.length; t++) {
            values[t] = 60 + 0.1 * t + (t % 2 == 0 ? 0.05 : -0.05);
        }
        Segment segment = new Segment(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofMinutes(1), values);
        return WindowDataset.create(List.of(segment), 10, 3);
    }

    /** Persistence under another name and not a baseline, so its skill is known from persistence's RMSE. */
    private static Forecaster persistenceAsAModel() {
        return new Forecaster() {
            @Override
            public String name() {
                return "model";
            }

            @Override
            public int minHistory() {
                return 1;
            }

            @Override
            public double[] forecast(double[] history, int horizon) {
                return new PersistenceForecaster().forecast(history, horizon);
            }
        };
    }

    @Test
    void shouldScoreEveryForecasterOnTheSameTestWindows() {
        WindowDataset dataset = drift();
        List<Forecaster> forecasters = List.of(new PersistenceForecaster(), new MovingAverageForecaster(3),
            HoltForecaster.fit(dataset.train().series()));

        BacktestReport report = new Backtest().run(dataset, forecasters);

        assertThat(report.results()).extracting(ForecasterResult::name)
            .containsExactly("persistence", "moving_average_3", "holt");
        assertThat(report.testWindows()).hasSize(dataset.test().size());
        ForecasterResult persistence = report.result("persistence").orElseThrow();
        assertThat(persistence.metrics().windows()).isEqualTo(dataset.test().size());
        assertThat(persistence.metrics().mae()[0]).isCloseTo(0.1, within(0.11));
        assertThat(report.maseScale()).isCloseTo(0.1, within(0.11));
        assertThat(report.best().name()).isEqualTo("holt");
        assertThat(report.result("holt").orElseThrow().skill()[2]).as("best baseline has skill 0").isZero();
        assertThat(persistence.skill()[2]).isNegative();
    }

    @Test
    void shouldMeasureSkillAgainstTheBestBaselineForAModel() {
        WindowDataset dataset = drift();
        Forecaster oracle = new Forecaster() {
            @Override
            public String name() {
                return "drift_oracle";
            }

            @Override
            public int minHistory() {
                return 2;
            }

            @Override
            public double[] forecast(double[] history, int horizon) {
                return new HoltForecaster(1, 1).forecast(history, horizon);
            }
        };

        BacktestReport report = new Backtest(0.8).run(dataset, List.of(new PersistenceForecaster(), oracle));

        ForecasterResult model = report.result("drift_oracle").orElseThrow();
        double[] persistenceRmse = report.result("persistence").orElseThrow().metrics().rmse();
        for (int h = 0; h < 3; h++) {
            assertThat(model.skill()[h]).isCloseTo(1 - model.metrics().rmse()[h] / persistenceRmse[h],
                within(1e-12));
        }
        assertThat(model.baseline()).isFalse();
        assertThat(model.metrics().coverage()[0]).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void shouldNameTheBestBaselineAtEachStepAsTheOneSkillIsMeasuredAgainst() {
        WindowDataset dataset = drift();
        List<double[]> train = dataset.train().series();
        BacktestReport report = new Backtest().run(dataset, List.of(persistenceAsAModel(), new PersistenceForecaster(),
            AutoregressiveForecaster.fit(train, 2), DirectAutoregressiveForecaster.fitChoosingOrder(dataset),
            HoltForecaster.fit(train), HorizonHoltForecaster.fit(train, 10, 3)));

        for (int h = 0; h < 3; h++) {
            ForecasterResult best = report.bestBaseline(h).orElseThrow();
            assertThat(best.baseline()).isTrue();
            assertThat(best.skill()[h]).isZero();
            for (ForecasterResult result : report.results()) {
                if (result.baseline()) {
                    assertThat(result.metrics().rmse()[h]).isGreaterThanOrEqualTo(best.metrics().rmse()[h]);
                }
            }
            double[] persistenceRmse = report.result("persistence").orElseThrow().metrics().rmse();
            assertThat(report.result("model").orElseThrow().skill()[h])
                .isCloseTo(1 - persistenceRmse[h] / best.metrics().rmse()[h], within(1e-12));
        }
    }

    @Test
    void shouldHaveNoBestBaselineWithoutBaselines() {
        BacktestReport report = new Backtest().run(drift(), List.of(persistenceAsAModel()));

        assertThat(report.bestBaseline(0)).isEmpty();
        assertThat(report.results().get(0).skill()[0]).isNaN();
    }

    @Test
    void shouldRejectForecasterNeedingMoreHistoryThanTheWindows() {
        assertThatThrownBy(() -> new Backtest().run(drift(), List.of(new MovingAverageForecaster(20))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("moving_average_20 needs 20 history steps, windows have 10");
    }

    @Test
    void shouldWriteMarkdownJsonAndPlots() throws Exception {
        WindowDataset dataset = drift();
        BacktestReport report = new Backtest().run(dataset, List.of(new PersistenceForecaster(),
            AutoregressiveForecaster.fit(dataset.train().series(), 2)));

        ReportWriter.Written written = ReportWriter.write(report, temp.resolve("report"),
            new ReportWriter.Options("Drift", List.of("synthetic drift"), "bpm", 2, "persistence"));

        assertThat(Files.readString(written.markdown())).contains("# Drift", "| persistence | yes |", "ar_2",
            "![persistence at step 2](forecast.png)", "| step | persistence | ar_2 | best baseline |");
        JsonNode json = new ObjectMapper().readTree(written.json().toFile());
        assertThat(json.get("horizon").asInt()).isEqualTo(3);
        assertThat(json.get("bestBaseline")).hasSize(3);
        assertThat(json.get("bestBaseline").get(0).asText()).isEqualTo(report.bestBaseline(0).orElseThrow().name());
        assertThat(json.get("forecasters").get(0).get("steps")).hasSize(3);
        assertThat(json.get("forecasters").get(0).get("steps").get(0).get("rmse").asDouble())
            .isEqualTo(report.results().get(0).metrics().rmse()[0]);
        for (Path png : List.of(written.forecastPlot(), written.errorPlot())) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).isGreaterThan(1000);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void shouldPlotEventDrivenSeriesByReadingNumber() throws Exception {
        double[] values = new double[200];
        for (int t = 0; t < values.length; t++) {
            values[t] = 0.8 + 0.05 * Math.sin(t / 5.0);
        }
        WindowDataset dataset = WindowDataset.create(List.of(new Segment(Instant.EPOCH, null, values)), 8, 2);
        BacktestReport report = new Backtest().run(dataset, List.of(new PersistenceForecaster()));

        ReportWriter.Written written = ReportWriter.write(report, temp, ReportWriter.Options.defaults());

        assertThat(report.testWindows().get(0).firstTargetTime()).isNull();
        assertThat(Files.size(written.forecastPlot())).isGreaterThan(1000);
        assertThat(Files.readString(written.markdown())).contains("persistence");
    }

    @Test
    void shouldRejectPlotStepBeyondTheHorizon() {
        BacktestReport report = new Backtest().run(drift(), List.of(new PersistenceForecaster()));

        assertThatThrownBy(() -> ReportWriter.write(report, temp,
            new ReportWriter.Options("t", List.of(), "bpm", 4, null)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("plot step 4 exceeds the horizon 3");
    }

    @Test
    void shouldScoreAForecasterWithItsStoredIntervalsInsteadOfRecalibratingThem() {
        WindowDataset dataset = drift();
        ConformalIntervals tooNarrow = new ConformalIntervals(new double[] {0.001, 0.001, 0.001}, 0.9);

        BacktestReport report = new Backtest(0.9, java.util.Map.of("model", tooNarrow))
            .run(dataset, List.of(new PersistenceForecaster(), persistenceAsAModel()));

        ForecasterResult stored = report.result("model").orElseThrow();
        ForecasterResult calibrated = report.result(new PersistenceForecaster().name()).orElseThrow();
        assertThat(stored.intervals()).isSameAs(tooNarrow);
        assertThat(stored.metrics().coverage()).as("the stored intervals miss the drift")
            .containsExactly(0.5, 0.0, 0.0);
        assertThat(calibrated.metrics().coverage()[0]).as("recalibrated on validation").isGreaterThan(0.8);
    }
}
