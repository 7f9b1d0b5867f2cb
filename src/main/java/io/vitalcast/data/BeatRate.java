package io.vitalcast.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A heart rate once per step from beat times, the way a bedside monitor shows it: at each step end, 60 divided by
 * the median of the last (up to) five beat-to-beat intervals, so that one ectopic or missed beat does not move the
 * number. Intervals longer than {@link #MAX_SILENCE_S} (below 20 bpm, the lowest valid heart rate: a lost signal,
 * not a rate) are left out of the median. No value (a missing step) when the last beat is more than {@link #MAX_SILENCE_S} seconds old or fewer than
 * two beats are known: a rate cannot be stated then, and Vitalcast treats missing steps as gaps. Stateless.
 */
public final class BeatRate {
    /** With no beat for this long, no rate is given (20 bpm, the lowest valid heart rate, is one beat per 3 s). */
    public static final double MAX_SILENCE_S = 3.0;
    private static final int INTERVALS = 5;

    private BeatRate() {
    }

    /**
     * One rate per step.
     *
     * @param beatTimesS beat times in seconds, increasing
     * @param stepS      step length in seconds
     * @param endS       the last step ends at or before this time
     * @return rates in bpm for the steps ending at stepS, 2 stepS, ...; NaN where no rate can be given
     */
    public static double[] perStep(double[] beatTimesS, double stepS, double endS) {
        int steps = (int) Math.floor(endS / stepS + 1e-9);
        double[] rates = new double[steps];
        int next = 0;
        List<Double> seen = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double t = (s + 1) * stepS;
            while (next < beatTimesS.length && beatTimesS[next] <= t) {
                seen.add(beatTimesS[next++]);
            }
            int count = seen.size();
            if (count < 2 || t - seen.get(count - 1) > MAX_SILENCE_S) {
                rates[s] = Double.NaN;
                continue;
            }
            double[] rr = new double[INTERVALS];
            int intervals = 0;
            for (int k = count - 1; k >= 1 && intervals < INTERVALS; k--) {
                double interval = seen.get(k) - seen.get(k - 1);
                if (interval <= MAX_SILENCE_S) {
                    rr[intervals++] = interval;
                }
            }
            if (intervals == 0) {
                rates[s] = Double.NaN;
                continue;
            }
            rr = Arrays.copyOf(rr, intervals);
            Arrays.sort(rr);
            double median = intervals % 2 == 1 ? rr[intervals / 2] : (rr[intervals / 2 - 1] + rr[intervals / 2]) / 2;
            rates[s] = 60.0 / median;
        }
        return rates;
    }
}
