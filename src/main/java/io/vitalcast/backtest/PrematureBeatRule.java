package io.vitalcast.backtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simple baseline detector every RR-interval alerting method is compared with: a beat whose interval is
 * shorter than {@code 0.85} times the median of the previous 8 intervals is premature.
 */
public final class PrematureBeatRule {
    static final int HISTORY = 8;
    static final double RATIO = 0.85;

    private PrematureBeatRule() {
    }

    /** Times (epoch ms) of the beats the rule flags, given beat times and their RR intervals in seconds. */
    public static long[] flag(long[] beatTimesMs, double[] rrSeconds) {
        List<Long> flagged = new ArrayList<>();
        for (int i = HISTORY; i < rrSeconds.length; i++) {
            double[] previous = Arrays.copyOfRange(rrSeconds, i - HISTORY, i);
            Arrays.sort(previous);
            double median = (previous[HISTORY / 2 - 1] + previous[HISTORY / 2]) / 2;
            if (rrSeconds[i] < RATIO * median) {
                flagged.add(beatTimesMs[i]);
            }
        }
        return flagged.stream().mapToLong(Long::longValue).toArray();
    }
}
