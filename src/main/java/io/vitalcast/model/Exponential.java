package io.vitalcast.model;

/**
 * exp over a range of an array, in two loops the JIT can vectorise where {@link Math#exp} (a call per value) is
 * not: a polynomial pass, exp(x) = 2^k exp(r) with k = rint(x / ln 2) and |r| <= ln 2 / 2, then a pass that
 * scales by 2^k through the exponent bits. The polynomial is the Taylor series to degree 13, whose truncation error
 * (below 5e-18) is under the rounding of the result; the values are within a few units in the last place of
 * {@link Math#exp}. Arguments whose 2^k would not be a normal double (|x| beyond about 707), and NaN, go through
 * {@link Math#exp} itself.
 */
final class Exponential {
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN2_HIGH = 6.93147180369123816490e-01;
    private static final double LN2_LOW = 1.90821492927058770002e-10;
    private static final double LIMIT = 1020;

    private Exponential() {
    }

    /**
     * {@code value[j] = exp(argument[j])} for j in [from, to); {@code exponent} is working storage of the same
     * range.
     */
    static void exp(double[] argument, double[] value, double[] exponent, int from, int to) {
        for (int j = from; j < to; j++) {
            double x = argument[j];
            double k = Math.rint(x * LOG2_E);
            double r = (x - k * LN2_HIGH) - k * LN2_LOW;
            double p = 1.0 / 6227020800.0;
            p = p * r + 1.0 / 479001600.0;
            p = p * r + 1.0 / 39916800.0;
            p = p * r + 1.0 / 3628800.0;
            p = p * r + 1.0 / 362880.0;
            p = p * r + 1.0 / 40320.0;
            p = p * r + 1.0 / 5040.0;
            p = p * r + 1.0 / 720.0;
            p = p * r + 1.0 / 120.0;
            p = p * r + 1.0 / 24.0;
            p = p * r + 1.0 / 6.0;
            p = p * r + 0.5;
            p = p * r + 1.0;
            p = p * r + 1.0;
            value[j] = p;
            exponent[j] = k;
        }
        for (int j = from; j < to; j++) {
            double k = exponent[j];
            if (k > -LIMIT && k < LIMIT) {
                value[j] *= Double.longBitsToDouble(((long) k + 1023) << 52);
            } else {
                value[j] = Math.exp(argument[j]);
            }
        }
    }
}
