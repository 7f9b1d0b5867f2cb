package io.vitalcast.backtest;

import java.util.Arrays;
import java.util.Random;

/**
 * Labelled stress rhythms built from a real beat-to-beat recording, for the situations where a recent-median
 * premature-beat rule is known to be weak and that the shared recordings (isolated ectopic beats in clean sinus
 * rhythm) do not contain: respiratory sinus arrhythmia, and ectopic beats in bigeminy, trigeminy and runs.
 *
 * <p>Each variant keeps the recording's own intervals and labels and changes them in a documented, physiological
 * way: sinus arrhythmia multiplies every interval by {@code 1 + a sin(2 pi i / 5)} (a breath every five beats,
 * amplitude {@code a} = 8%); the ectopic variants replace episodes of {@link #EPISODE_BEATS} beats, one every
 * {@link #EPISODE_EVERY} beats, by ectopic beats at 62% of the local sinus interval (55% in runs of 3 to 6 beats),
 * each followed by a compensatory pause so that the ectopic interval and the pause add up to about two sinus
 * intervals, with 3% multiplicative jitter from a seeded generator. Ectopic beats are labelled abnormal; every
 * other beat of an episode is labelled normal. These are synthetic stresses on real data, not recordings: they show
 * how a detector behaves where a rule of thumb breaks, not how it scores on patients.
 */
public final class RhythmStress {
    /** Beats per ectopic episode. */
    public static final int EPISODE_BEATS = 24;
    /** Beats from the start of one episode to the next. */
    public static final int EPISODE_EVERY = 150;
    static final double SINUS_ARRHYTHMIA = 0.08;
    static final double COUPLING = 0.62;
    static final double RUN_COUPLING = 0.55;
    static final double JITTER = 0.03;

    /** The stress rhythms. */
    public enum Variant {
        SINUS_ARRHYTHMIA, BIGEMINY, TRIGEMINY, RUNS;

        /** The variant's name in file names. */
        public String fileName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A beat sequence: beat times in seconds, the RR interval ending at each beat, and its label.
     */
    public record Beats(double[] timesS, double[] rrS, int[] abnormal) {
        public Beats {
            if (timesS.length != rrS.length || rrS.length != abnormal.length) {
                throw new IllegalArgumentException("times, intervals and labels differ in length");
            }
        }
    }

    private RhythmStress() {
    }

    /** The variant of a recording's beats; deterministic for a seed. */
    public static Beats apply(Beats beats, Variant variant, long seed) {
        double[] rr = beats.rrS().clone();
        int[] labels = beats.abnormal().clone();
        Random random = new Random(seed);
        if (variant == Variant.SINUS_ARRHYTHMIA) {
            for (int i = 0; i < rr.length; i++) {
                rr[i] *= 1 + SINUS_ARRHYTHMIA * Math.sin(2 * Math.PI * i / 5.0);
            }
        } else {
            for (int start = 100; start + EPISODE_BEATS + 1 < rr.length; start += EPISODE_EVERY) {
                double sinus = median(Arrays.copyOfRange(rr, start - 8, start));
                episode(rr, labels, start, sinus, variant, random);
            }
        }
        double[] times = new double[rr.length];
        times[0] = beats.timesS()[0];
        for (int i = 1; i < rr.length; i++) {
            times[i] = times[i - 1] + rr[i];
        }
        return new Beats(times, rr, labels);
    }

    private static void episode(double[] rr, int[] labels, int start, double sinus, Variant variant, Random random) {
        int runLength = 3 + random.nextInt(4);
        boolean afterEctopic = false;
        for (int j = 0; j < EPISODE_BEATS; j++) {
            boolean ectopic = switch (variant) {
                case BIGEMINY -> j % 2 == 0;
                case TRIGEMINY -> j % 3 == 0;
                case RUNS -> j < runLength;
                default -> false;
            };
            double coupling = variant == Variant.RUNS ? RUN_COUPLING : COUPLING;
            double jitter = 1 + JITTER * random.nextGaussian();
            int i = start + j;
            if (ectopic) {
                rr[i] = sinus * coupling * jitter;
                labels[i] = 1;
            } else {
                rr[i] = sinus * (afterEctopic ? 2 - coupling : 1) * jitter;
                labels[i] = 0;
            }
            afterEctopic = ectopic;
        }
        if (afterEctopic) {
            rr[start + EPISODE_BEATS] = sinus * (2 - (variant == Variant.RUNS ? RUN_COUPLING : COUPLING));
            labels[start + EPISODE_BEATS] = 0;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
