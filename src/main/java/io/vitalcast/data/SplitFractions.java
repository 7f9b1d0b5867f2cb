package io.vitalcast.data;

/**
 * Shares of a series' steps given to each {@link Part}, in time order.
 *
 * @param train      share of the first steps, for fitting
 * @param validation share of the following steps, for tuning and interval calibration
 * @param test       share of the last steps, for reporting
 */
public record SplitFractions(double train, double validation, double test) {
    /** 70 % training, 15 % validation, 15 % test. */
    public static final SplitFractions DEFAULT = new SplitFractions(0.7, 0.15, 0.15);

    public SplitFractions {
        if (!(train > 0) || !(validation >= 0) || !(test >= 0)) {
            throw new IllegalArgumentException("fractions must be train > 0, validation >= 0, test >= 0, got "
                + train + "/" + validation + "/" + test);
        }
        double sum = train + validation + test;
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("fractions must sum to 1, got " + train + "+" + validation + "+"
                + test + "=" + sum);
        }
    }
}
