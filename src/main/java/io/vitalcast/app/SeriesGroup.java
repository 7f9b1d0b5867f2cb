package io.vitalcast.app;

import java.nio.file.Path;
import java.util.Objects;

import io.vitalcast.data.PreparedSeries;

/**
 * One record of a population: a patient's series of the signal in one input file. The unit that a split by record
 * puts wholly in training or in validation, so that the same patient's file is never on both sides.
 *
 * @param file   the file it was read from
 * @param series the patient's prepared series
 */
record SeriesGroup(Path file, PreparedSeries series) {

    SeriesGroup {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(series, "series");
    }

    String patientId() {
        return series.key().patientId();
    }

    /** {@code FILE_NAME:PATIENT}, how reports and {@code --validation-record} name the record. */
    String name() {
        return file.getFileName() + ":" + patientId();
    }

    /** Whether {@code --validation-record value} names it: its name, its file (as given or by name) or its patient. */
    boolean isNamed(String value) {
        return value.equals(name()) || value.equals(patientId()) || value.equals(file.toString())
            || value.equals(String.valueOf(file.getFileName()));
    }
}
