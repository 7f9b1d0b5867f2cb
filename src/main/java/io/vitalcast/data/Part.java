package io.vitalcast.data;

/** The chronological parts of a dataset: fit on the first, tune and calibrate on the second, report on the last. */
public enum Part {
    TRAIN,
    VALIDATION,
    TEST
}
