package io.vitalcast.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RhythmStressTest {
    private static final int BEATS = 800;

    private static RhythmStress.Beats sinus() {
        double[] times = new double[BEATS];
        double[] rr = new double[BEATS];
        for (int i = 0; i < BEATS; i++) {
            rr[i] = 0.8;
            times[i] = 0.8 * i;
        }
        return new RhythmStress.Beats(times, rr, new int[BEATS]);
    }

    @Test
    void shouldAlternateLabelledEctopicBeatsAndPausesInBigeminy() {
        RhythmStress.Beats out = RhythmStress.apply(sinus(), RhythmStress.Variant.BIGEMINY, 1);

        int start = 100;
        for (int j = 0; j < RhythmStress.EPISODE_BEATS; j++) {
            assertThat(out.abnormal()[start + j]).isEqualTo(j % 2 == 0 ? 1 : 0);
            if (j % 2 == 0) {
                assertThat(out.rrS()[start + j]).isCloseTo(0.8 * 0.62, within(0.8 * 0.62 * 0.15));
                assertThat(out.rrS()[start + j] + out.rrS()[start + j + 1]).isCloseTo(1.6, within(0.15));
            }
        }
        assertThat(Arrays.stream(out.abnormal()).sum()).isEqualTo(5 * RhythmStress.EPISODE_BEATS / 2);
    }

    @Test
    void shouldLabelEveryBeatOfARunAndNoneOutsideEpisodes() {
        RhythmStress.Beats out = RhythmStress.apply(sinus(), RhythmStress.Variant.RUNS, 1);

        assertThat(out.abnormal()[100]).isEqualTo(1);
        assertThat(out.abnormal()[102]).isEqualTo(1);
        assertThat(out.abnormal()[100 + RhythmStress.EPISODE_BEATS - 1]).isZero();
        assertThat(Arrays.copyOfRange(out.abnormal(), 0, 100)).containsOnly(0);
        assertThat(Arrays.copyOfRange(out.rrS(), 0, 100)).containsOnly(0.8);
    }

    @Test
    void shouldModulateEveryIntervalWithTheBreathInSinusArrhythmiaAndKeepLabels() {
        RhythmStress.Beats out = RhythmStress.apply(sinus(), RhythmStress.Variant.SINUS_ARRHYTHMIA, 1);

        assertThat(Arrays.stream(out.rrS()).max().orElseThrow()).isCloseTo(0.8 * 1.08, within(0.01));
        assertThat(Arrays.stream(out.rrS()).min().orElseThrow()).isCloseTo(0.8 * 0.92, within(0.01));
        assertThat(out.abnormal()).containsOnly(0);
    }

    @Test
    void shouldRecomputeBeatTimesFromTheIntervalsAndBeDeterministic() {
        RhythmStress.Beats out = RhythmStress.apply(sinus(), RhythmStress.Variant.TRIGEMINY, 3);

        for (int i = 1; i < BEATS; i++) {
            assertThat(out.timesS()[i] - out.timesS()[i - 1]).isCloseTo(out.rrS()[i], within(1e-9));
        }
        assertThat(RhythmStress.apply(sinus(), RhythmStress.Variant.TRIGEMINY, 3).rrS()).containsExactly(out.rrS());
    }
}
