package io.vitalcast.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds QRS complexes (heart beats) in one ECG lead, after Pan and Tompkins (IEEE Trans Biomed Eng 32(3):230-236,
 * 1985), simplified so that every step can be read and checked: a band-pass made of two moving averages (the
 * difference of a 16 ms and a 120 ms mean keeps the steep QRS and drops baseline wander and the slower P and T
 * waves), a five-point derivative, squaring, a 150 ms moving-window integral, and an adaptive threshold between a
 * running signal-peak level and a running noise-peak level (a quarter of the way from noise to signal). A peak of
 * the integral is a beat when it is above the threshold and at least 200 ms after the previous beat (no human heart
 * beats faster than 300 bpm). In place of Pan and Tompkins' search-back: once no beat has come for 1.66 mean
 * intervals, the threshold is halved and every rejected peak pulls the signal level a fifth of the way down to the
 * noise level, so that one large artefact cannot silence the detector for good.
 *
 * <p>No T-wave discrimination: on a noisy lead it can miss beats and count noise as beats, which is what signal
 * quality downstream is for. Stateless and thread-safe.
 */
public final class QrsDetector {
    private static final double SHORT_MEAN_S = 0.016;
    private static final double LONG_MEAN_S = 0.120;
    private static final double INTEGRAL_S = 0.150;
    private static final double PEAK_HALF_WIDTH_S = 0.100;
    private static final double REFRACTORY_S = 0.200;
    private static final double LEARNING_S = 2.0;

    private QrsDetector() {
    }

    /**
     * The sample indices of the detected beats, in order.
     *
     * @param ecg          one lead, equally spaced; NaN samples (invalid) are held at the previous value
     * @param samplingRate samples per second
     */
    public static int[] detect(double[] ecg, double samplingRate) {
        if (!(samplingRate > 0)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + samplingRate);
        }
        int n = ecg.length;
        double[] x = new double[n];
        double held = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(ecg[i])) {
                held = ecg[i];
            }
            x[i] = held;
        }
        double[] band = subtract(movingMean(x, samples(SHORT_MEAN_S, samplingRate)),
            movingMean(x, samples(LONG_MEAN_S, samplingRate)));
        double[] energy = new double[n];
        for (int i = 2; i < n - 2; i++) {
            double derivative = (2 * band[i + 2] + band[i + 1] - band[i - 1] - 2 * band[i - 2]) / 8;
            energy[i] = derivative * derivative;
        }
        double[] integral = movingMean(energy, samples(INTEGRAL_S, samplingRate));

        int learning = Math.min(n, samples(LEARNING_S, samplingRate));
        double max = 0;
        double sum = 0;
        for (int i = 0; i < learning; i++) {
            max = Math.max(max, integral[i]);
            sum += integral[i];
        }
        double signalLevel = 0.25 * max;
        double noiseLevel = learning == 0 ? 0 : 0.5 * sum / learning;
        int halfWidth = samples(PEAK_HALF_WIDTH_S, samplingRate);
        int refractory = samples(REFRACTORY_S, samplingRate);
        List<Integer> beats = new ArrayList<>();
        double meanInterval = samplingRate;
        for (int i = 1; i < n - 1; i++) {
            if (!isPeak(integral, i, halfWidth)) {
                continue;
            }
            double peak = integral[i];
            int last = beats.isEmpty() ? -1 : beats.get(beats.size() - 1);
            boolean silent = last >= 0 && i - last > 1.66 * meanInterval;
            double threshold = noiseLevel + 0.25 * (signalLevel - noiseLevel);
            if (silent) {
                threshold *= 0.5;
            }
            boolean afterRefractory = last < 0 || i - last >= refractory;
            if (peak > threshold && afterRefractory) {
                beats.add(i);
                signalLevel = silent ? 0.25 * peak + 0.75 * signalLevel : 0.125 * peak + 0.875 * signalLevel;
                if (last >= 0 && !silent) {
                    meanInterval = 0.125 * (i - last) + 0.875 * meanInterval;
                }
            } else {
                noiseLevel = 0.125 * peak + 0.875 * noiseLevel;
                if (silent) {
                    signalLevel -= 0.2 * (signalLevel - noiseLevel);
                }
            }
        }
        return beats.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A strict local maximum within +-halfWidth samples (the first of equal values wins). */
    private static boolean isPeak(double[] s, int i, int halfWidth) {
        if (!(s[i] > 0)) {
            return false;
        }
        for (int j = Math.max(0, i - halfWidth); j <= Math.min(s.length - 1, i + halfWidth); j++) {
            if (s[j] > s[i] || (j < i && s[j] == s[i])) {
                return false;
            }
        }
        return true;
    }

    private static int samples(double seconds, double samplingRate) {
        return Math.max(1, (int) Math.round(seconds * samplingRate));
    }

    /** Centred moving mean over {@code width} samples, shrinking at the ends. */
    private static double[] movingMean(double[] x, int width) {
        int n = x.length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        double[] out = new double[n];
        int before = width / 2;
        int after = width - 1 - before;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - before);
            int hi = Math.min(n - 1, i + after);
            out[i] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
        }
        return out;
    }

    private static double[] subtract(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
