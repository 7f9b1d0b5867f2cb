package io.vitalcast.data;

/**
 * Shares of a series' steps given to each {@link Part}, in time order. A series may go wholly to one part
 * ({@link #TRAIN_ONLY}, {@link #VALIDATION_ONLY}) when records rather than times are split.
 *
 * @param train      share of the first steps, for fitting
 * @param validation share of the following steps, for tuning and interval calibration
 * @param test       share of the last steps, for reporting
 */
public record SplitFractions(double train, double validation, double test) {
    /** 70 % training, 15 % validation, 15 % test. */
    public static final SplitFractions DEFAULT = new SplitFractions(0.7, 0.15, 0.15);
    /** Every step trains: a record that is trained on in a split by record. */
    public static final SplitFractions TRAIN_ONLY = new SplitFractions(1, 0, 0);
    /** Every step validates: a record held out whole in a split by record. */
    public static final SplitFractions VALIDATION_ONLY = new SplitFractions(0, 1, 0);

    public SplitFractions {
        if (!(train >= 0) || !(validation >= 0) || !(test >= 0) || !(train + validation > 0)) {
            throw new IllegalArgumentException("fractions must be train >= 0, validation >= 0, test >= 0 and "
                + "train + validation > 0, got " + train + "/" + validation + "/" + test);
        }
        double sum = train + validation + test;
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("fractions must sum to 1, got " + train + "+" + validation + "+"
                + test + "=" + sum);
        }
    }
}
