package io.vitalcast.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class QrsDetectorTest {
    private static final double FS = 250;

    /**
     * A synthetic lead: a narrow QRS spike (1 mV, 10 ms wide) at each beat, a broad T wave (0.3 mV, 60 ms wide,
     * 250 ms later), baseline wander (0.3 mV at 0.3 Hz) and white noise (0.03 mV).
     */
    private static double[] ecg(double[] beatTimes, double seconds, long seed) {
        Random random = new Random(seed);
        double[] x = new double[(int) (seconds * FS)];
        for (int i = 0; i < x.length; i++) {
            double t = i / FS;
            double v = 0.3 * Math.sin(2 * Math.PI * 0.3 * t) + 0.03 * random.nextGaussian();
            for (double beat : beatTimes) {
                v += gauss(t, beat, 0.010, 1.0) + gauss(t, beat + 0.25, 0.060, 0.3);
            }
            x[i] = v;
        }
        return x;
    }

    private static double gauss(double t, double centre, double width, double amplitude) {
        double z = (t - centre) / width;
        return Math.abs(z) > 6 ? 0 : amplitude * Math.exp(-0.5 * z * z);
    }

    private static double[] regularBeats(double from, double to, double bpm) {
        int n = (int) Math.floor((to - from) * bpm / 60);
        double[] beats = new double[n];
        for (int k = 0; k < n; k++) {
            beats[k] = from + 0.3 + k * 60 / bpm;
        }
        return beats;
    }

    @Test
    void shouldFindEveryBeatOfARegularRhythmAndNoTWaves() {
        double[] beats = regularBeats(0, 60, 72);
        int[] found = QrsDetector.detect(ecg(beats, 60, 1), FS);

        assertThat(found).hasSize(beats.length);
        for (int k = 0; k < beats.length; k++) {
            assertThat(found[k] / FS).as("beat %d", k).isCloseTo(beats[k], within(0.08));
        }
    }

    @Test
    void shouldFollowARateThatDoublesAndGiveTheMonitorRatePerSecond() {
        double[] slow = regularBeats(0, 30, 60);
        double[] fast = regularBeats(30, 60, 120);
        double[] beats = new double[slow.length + fast.length];
        System.arraycopy(slow, 0, beats, 0, slow.length);
        System.arraycopy(fast, 0, beats, slow.length, fast.length);
        double[] beatTimes = Arrays.stream(QrsDetector.detect(ecg(beats, 60, 2), FS)).mapToDouble(i -> i / FS)
            .toArray();

        double[] rate = BeatRate.perStep(beatTimes, 1.0, 60);

        assertThat(rate).hasSize(60);
        assertThat(rate[20]).isCloseTo(60, within(1.0));
        assertThat(rate[55]).isCloseTo(120, within(2.0));
    }

    @Test
    void shouldFindTheBeatsAgainAfterALargeArtefact() {
        double[] beats = regularBeats(0, 40, 90);
        double[] x = ecg(beats, 40, 3);
        for (int i = (int) (15 * FS); i < (int) (15.2 * FS); i++) {
            x[i] += 20;
        }
        double[] beatTimes = Arrays.stream(QrsDetector.detect(x, FS)).mapToDouble(i -> i / FS).toArray();

        assertThat(Arrays.stream(beatTimes).filter(t -> t > 25).count()).as("beats found after the artefact")
            .isBetween((long) (15 * 1.5) - 1, (long) (15 * 1.5) + 1);
    }

    @Test
    void shouldGiveNoRateAfterThreeSecondsWithoutABeatAndIgnoreIntervalsThatLong() {
        double[] beats = {1.0, 2.0, 3.0, 4.0, 10.0, 11.0};

        double[] rate = BeatRate.perStep(beats, 1.0, 12);

        assertThat(rate[3]).as("at 4 s").isEqualTo(60);
        assertThat(rate[7]).as("at 8 s, last beat 4 s ago").isNaN();
        assertThat(rate[10]).as("at 11 s: the 6 s interval is not a rate").isEqualTo(60);
        assertThat(rate[0]).as("one beat only").isNaN();
    }
}
