package io.vitalcast.forecasting;

import java.util.Arrays;

/**
 * The forecast of the next beat-to-beat (RR) interval of the underlying sinus rhythm, learned from sinus beats only,
 * and the prematurity that makes an interval ectopic.
 *
 * <p>Why not a generic forecaster: an ectopic (premature) beat shows as a short interval followed by a long
 * compensatory pause, and a forecaster that learns from every interval learns that pattern too. In bigeminy,
 * trigeminy or a run of ectopic beats, the recent intervals are themselves abnormal, so any reference fitted to them
 * (the recent median, an AR model, an LSTM adapting to the patient) drifts towards the arrhythmia and stops seeing
 * it. This reference learns only from intervals it accepts as sinus: the reference is the median of the last
 * {@link #SINUS_BEATS} accepted intervals; an interval shorter than the reference by more than the prematurity
 * threshold is premature and is not learned, nor is the pause that follows it, nor any interval longer than the
 * reference by more than the same fraction (a pause, a blocked or missed beat).
 *
 * <p>The prematurity threshold is {@code max(15%, 3 sigma)}, where sigma is a robust relative beat-to-beat spread
 * of the accepted intervals ({@code 1.4826 * median|RR(i) - RR(i-1)| / sqrt(2) / reference}). 15% is the usual
 * clinical floor for calling a beat premature; the 3 sigma term widens it for a patient whose sinus rhythm itself
 * varies beat to beat (respiratory sinus arrhythmia), which is where a fixed-ratio rule floods the ward with alarms.
 *
 * <p>A sustained change must not be learned as normal unless it is a rhythm: after {@link #RELEARN_BEATS}
 * consecutive intervals outside the sinus band the reference relearns only if the last {@link #SINUS_BEATS} of them are regular
 * (relative spread below a third of the floor), as a sudden but regular change of sinus rate is; an alternating
 * (bigeminy) or irregular run keeps the sinus reference it had.
 *
 * <p>Immutable; {@link #toArray()} and {@link #fromArray(double[])} carry it in a series' state.
 */
public final class SinusRhythm {
    /** Accepted intervals the reference is the median of. */
    public static final int SINUS_BEATS = 8;
    /** Accepted intervals needed before any interval is judged. */
    public static final int WARM_UP = 4;
    /** Consecutive premature intervals after which a regular new rhythm is relearned. */
    public static final int RELEARN_BEATS = 40;
    /** The prematurity floor: an interval at least 15% shorter than the reference. */
    public static final double MIN_PREMATURITY = 0.15;
    /** Robust sigmas of beat-to-beat spread that the threshold covers. */
    public static final double SIGMAS = 3.0;

    private static final int ARRAY_LENGTH = 2 * SINUS_BEATS + 4;

    private final double[] accepted;
    private final double[] recentOutside;
    private final boolean previousPremature;
    private final int outsideRun;

    private SinusRhythm(double[] accepted, double[] recentOutside, boolean previousPremature, int outsideRun) {
        this.accepted = accepted;
        this.recentOutside = recentOutside;
        this.previousPremature = previousPremature;
        this.outsideRun = outsideRun;
    }

    /** The reference of a series with no beat yet. */
    public static SinusRhythm start() {
        return new SinusRhythm(new double[0], new double[0], false, 0);
    }

    /**
     * How one interval was judged.
     *
     * @param next       the reference after learning (or not) from this interval
     * @param premature  whether the interval was premature (false during warm-up)
     * @param expected   the sinus interval expected before this one arrived, or NaN during warm-up
     * @param threshold  the shortest non-premature interval, or NaN during warm-up
     */
    public record Judgement(SinusRhythm next, boolean premature, double expected, double threshold) {
    }

    /** Whether enough sinus intervals were seen to judge the next one. */
    public boolean isWarm() {
        return accepted.length >= WARM_UP;
    }

    /** The expected next sinus interval, or NaN during warm-up. */
    public double expected() {
        return isWarm() ? median(accepted) : Double.NaN;
    }

    /** The prematurity threshold as a fraction of {@link #expected()}, or NaN during warm-up. */
    public double prematurity() {
        if (!isWarm()) {
            return Double.NaN;
        }
        double reference = median(accepted);
        double[] steps = new double[accepted.length - 1];
        for (int i = 1; i < accepted.length; i++) {
            steps[i - 1] = Math.abs(accepted[i] - accepted[i - 1]);
        }
        double sigma = 1.4826 * median(steps) / Math.sqrt(2) / reference;
        return Math.max(MIN_PREMATURITY, SIGMAS * sigma);
    }

    /** Judges one interval (seconds) and learns from it if it is a sinus interval. */
    public Judgement judge(double interval) {
        if (!isWarm()) {
            return new Judgement(new SinusRhythm(append(accepted, interval, SINUS_BEATS), new double[0], false, 0),
                false, Double.NaN, Double.NaN);
        }
        double expected = median(accepted);
        double prematurity = prematurity();
        double threshold = (1 - prematurity) * expected;
        boolean premature = interval < threshold;
        boolean sinus = !premature && interval <= (1 + prematurity) * expected && !previousPremature;
        if (!sinus) {
            int run = outsideRun + 1;
            double[] recent = append(recentOutside, interval, SINUS_BEATS);
            if (run >= RELEARN_BEATS && isRegular(recent)) {
                return new Judgement(new SinusRhythm(recent, new double[0], false, 0), premature, expected,
                    threshold);
            }
            return new Judgement(new SinusRhythm(accepted, recent, premature, run), premature, expected, threshold);
        }
        return new Judgement(new SinusRhythm(append(accepted, interval, SINUS_BEATS), new double[0], false, 0), false,
            expected, threshold);
    }

    private static boolean isRegular(double[] intervals) {
        if (intervals.length < SINUS_BEATS) {
            return false;
        }
        double reference = median(intervals);
        double[] deviations = new double[intervals.length];
        for (int i = 0; i < intervals.length; i++) {
            deviations[i] = Math.abs(intervals[i] - reference);
        }
        return 1.4826 * median(deviations) / reference < MIN_PREMATURITY / 3;
    }

    /** The state as a fixed-length array, for a series' stored state. */
    public double[] toArray() {
        double[] out = new double[ARRAY_LENGTH];
        out[0] = accepted.length;
        System.arraycopy(accepted, 0, out, 1, accepted.length);
        out[SINUS_BEATS + 1] = recentOutside.length;
        System.arraycopy(recentOutside, 0, out, SINUS_BEATS + 2, recentOutside.length);
        out[2 * SINUS_BEATS + 2] = previousPremature ? 1 : 0;
        out[2 * SINUS_BEATS + 3] = outsideRun;
        return out;
    }

    /** Whether an array is a state written by {@link #toArray()}. */
    public static boolean isState(double[] values) {
        return values != null && values.length == ARRAY_LENGTH && values[0] >= 0 && values[0] <= SINUS_BEATS
            && values[SINUS_BEATS + 1] >= 0 && values[SINUS_BEATS + 1] <= SINUS_BEATS;
    }

    /** The state an array written by {@link #toArray()} holds. */
    public static SinusRhythm fromArray(double[] values) {
        if (!isState(values)) {
            throw new IllegalArgumentException("not a sinus rhythm state: " + Arrays.toString(values));
        }
        int acceptedCount = (int) values[0];
        int recentCount = (int) values[SINUS_BEATS + 1];
        return new SinusRhythm(Arrays.copyOfRange(values, 1, 1 + acceptedCount),
            Arrays.copyOfRange(values, SINUS_BEATS + 2, SINUS_BEATS + 2 + recentCount),
            values[2 * SINUS_BEATS + 2] != 0, (int) values[2 * SINUS_BEATS + 3]);
    }

    private static double[] append(double[] values, double value, int keep) {
        int kept = Math.min(values.length, keep - 1);
        double[] out = Arrays.copyOfRange(values, values.length - kept, values.length + 1);
        out[kept] = value;
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
