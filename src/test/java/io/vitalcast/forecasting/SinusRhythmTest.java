package io.vitalcast.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SinusRhythmTest {

    private static List<Boolean> judgeAll(double... intervals) {
        SinusRhythm rhythm = SinusRhythm.start();
        List<Boolean> premature = new ArrayList<>();
        for (double interval : intervals) {
            SinusRhythm.Judgement judgement = rhythm.judge(interval);
            premature.add(judgement.premature());
            rhythm = judgement.next();
        }
        return premature;
    }

    private static double[] sinus(int beats, double interval) {
        double[] out = new double[beats];
        for (int i = 0; i < beats; i++) {
            out[i] = interval + 0.01 * ((i % 3) - 1);
        }
        return out;
    }

    private static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] out = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    @Test
    void shouldNotJudgeBeforeWarmUp() {
        SinusRhythm.Judgement judgement = SinusRhythm.start().judge(0.4);

        assertThat(judgement.premature()).isFalse();
        assertThat(judgement.expected()).isNaN();
        assertThat(SinusRhythm.start().isWarm()).isFalse();
    }

    @Test
    void shouldFlagAPrematureBeatButNotItsCompensatoryPause() {
        List<Boolean> premature = judgeAll(concat(sinus(10, 0.8), new double[] {0.55, 1.05}, sinus(5, 0.8)));

        assertThat(premature.subList(0, 10)).containsOnly(false);
        assertThat(premature.get(10)).isTrue();
        assertThat(premature.subList(11, 17)).containsOnly(false);
    }

    @Test
    void shouldExpectTheSinusIntervalAfterAnEctopicBeat() {
        SinusRhythm rhythm = SinusRhythm.start();
        for (double interval : concat(sinus(10, 0.8), new double[] {0.5, 1.1})) {
            rhythm = rhythm.judge(interval).next();
        }

        assertThat(rhythm.expected()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.011));
    }

    @Test
    void shouldNeitherFlagNorLearnALongPauseOrAMissedBeat() {
        SinusRhythm rhythm = SinusRhythm.start();
        for (double interval : sinus(10, 0.8)) {
            rhythm = rhythm.judge(interval).next();
        }
        SinusRhythm.Judgement pause = rhythm.judge(1.6);
        SinusRhythm after = pause.next().judge(1.6).next().judge(1.6).next();

        assertThat(pause.premature()).isFalse();
        assertThat(after.expected()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.011));
    }

    @Test
    void shouldKeepFlaggingEctopicBeatsThroughBigeminy() {
        double[] bigeminy = new double[60];
        for (int i = 0; i < bigeminy.length; i++) {
            bigeminy[i] = i % 2 == 0 ? 0.5 : 1.1;
        }
        List<Boolean> premature = judgeAll(concat(sinus(12, 0.8), bigeminy));

        for (int i = 0; i < bigeminy.length; i++) {
            assertThat(premature.get(12 + i)).as("beat %d of bigeminy", i).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void shouldFlagEveryBeatOfAShortRunOfEctopicBeats() {
        List<Boolean> premature = judgeAll(concat(sinus(12, 0.8), new double[] {0.45, 0.44, 0.45, 0.46, 0.45, 1.0},
            sinus(6, 0.8)));

        assertThat(premature.subList(12, 17)).containsOnly(true);
        assertThat(premature.subList(17, 24)).containsOnly(false);
    }

    @Test
    void shouldWidenThePrematurityThresholdForRespiratorySinusArrhythmia() {
        double[] arrhythmia = new double[40];
        for (int i = 0; i < arrhythmia.length; i++) {
            arrhythmia[i] = 0.8 * (1 + 0.12 * Math.sin(2 * Math.PI * i / 5.0));
        }
        SinusRhythm steady = SinusRhythm.start();
        for (double interval : sinus(12, 0.8)) {
            steady = steady.judge(interval).next();
        }
        SinusRhythm varying = SinusRhythm.start();
        for (double interval : arrhythmia) {
            varying = varying.judge(interval).next();
        }

        assertThat(steady.prematurity()).isEqualTo(SinusRhythm.MIN_PREMATURITY);
        assertThat(varying.prematurity()).isGreaterThan(0.2);
        assertThat(judgeAll(arrhythmia)).containsOnly(false);
    }

    @Test
    void shouldRelearnASustainedRegularRhythmButNotASustainedBigeminy() {
        double[] faster = new double[SinusRhythm.RELEARN_BEATS + 5];
        java.util.Arrays.fill(faster, 0.6);
        List<Boolean> regular = judgeAll(concat(sinus(12, 0.9), faster));
        double[] bigeminy = new double[2 * SinusRhythm.RELEARN_BEATS + 10];
        for (int i = 0; i < bigeminy.length; i++) {
            bigeminy[i] = i % 2 == 0 ? 0.5 : 1.2;
        }
        List<Boolean> alternating = judgeAll(concat(sinus(12, 0.9), bigeminy));

        assertThat(regular.subList(12, 12 + SinusRhythm.RELEARN_BEATS)).containsOnly(true);
        assertThat(regular.subList(12 + SinusRhythm.RELEARN_BEATS, regular.size())).containsOnly(false);
        assertThat(alternating.get(alternating.size() - 2)).isTrue();
        assertThat(alternating.get(alternating.size() - 1)).isFalse();
    }

    @Test
    void shouldRoundTripThroughItsArrayForm() {
        SinusRhythm rhythm = SinusRhythm.start();
        for (double interval : concat(sinus(10, 0.8), new double[] {0.5})) {
            rhythm = rhythm.judge(interval).next();
        }
        SinusRhythm copy = SinusRhythm.fromArray(rhythm.toArray());

        assertThat(copy.toArray()).containsExactly(rhythm.toArray());
        assertThat(copy.judge(1.1).premature()).isEqualTo(rhythm.judge(1.1).premature());
        assertThat(copy.judge(0.8).next().toArray()).containsExactly(rhythm.judge(0.8).next().toArray());
    }

    @Test
    void shouldRejectAnArrayThatIsNotItsState() {
        assertThatThrownBy(() -> SinusRhythm.fromArray(new double[] {1, 2, 3}))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(SinusRhythm.isState(null)).isFalse();
    }
}
