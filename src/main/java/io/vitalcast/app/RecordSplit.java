package io.vitalcast.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.vitalcast.data.PreparedSeries;
import io.vitalcast.data.SplitFractions;
import io.vitalcast.errors.UserException;

/**
 * Which records of a population train and which are held out whole for validation. Validating on the tail of the
 * same records picks the epoch that best continues those patients; validating on other records picks the one that
 * generalises to patients the model has not seen, which is what a population model is for. The choice is
 * deterministic: the records named, or else the last ones in input order.
 *
 * @param groups     every record, in input order
 * @param validation for each record, whether it is held out
 */
record RecordSplit(List<SeriesGroup> groups, List<Boolean> validation) {

    RecordSplit {
        groups = List.copyOf(groups);
        validation = List.copyOf(validation);
        if (groups.size() != validation.size()) {
            throw new IllegalArgumentException(groups.size() + " groups but " + validation.size() + " flags");
        }
    }

    /**
     * The split of these records, or empty when there is one record, which is then split in time as before.
     *
     * @param holdoutRecords    {@code --holdout-records}, null when not given (then 1)
     * @param validationRecords {@code --validation-record} values, each naming records ({@link SeriesGroup#isNamed})
     * @throws UserException in one line when the hold-out asked for cannot be made
     */
    static Optional<RecordSplit> choose(List<SeriesGroup> groups, Integer holdoutRecords,
                                        List<String> validationRecords) {
        boolean asked = holdoutRecords != null || !validationRecords.isEmpty();
        if (holdoutRecords != null && !validationRecords.isEmpty()) {
            throw new UserException("give --holdout-records or --validation-record, not both");
        }
        if (groups.size() < 2) {
            if (asked) {
                throw new UserException("a record hold-out needs at least 2 records (a file and patient each); the "
                    + "input has " + groups.size() + ": give more --input files or patients, or drop "
                    + (holdoutRecords != null ? "--holdout-records" : "--validation-record"));
            }
            return Optional.empty();
        }
        List<Boolean> flags = new ArrayList<>();
        if (!validationRecords.isEmpty()) {
            for (String value : validationRecords) {
                if (groups.stream().noneMatch(g -> g.isNamed(value))) {
                    throw new UserException("--validation-record " + value + ": no such record; the records are "
                        + names(groups));
                }
            }
            groups.forEach(g -> flags.add(validationRecords.stream().anyMatch(g::isNamed)));
            if (!flags.contains(false)) {
                throw new UserException("--validation-record holds out all " + groups.size()
                    + " records, leaving none to train on");
            }
        } else {
            int held = holdoutRecords == null ? 1 : holdoutRecords;
            if (held < 1 || held >= groups.size()) {
                throw new UserException("--holdout-records " + held + ": the input has " + groups.size()
                    + " records, so 1 to " + (groups.size() - 1) + " can be held out");
            }
            for (int i = 0; i < groups.size(); i++) {
                flags.add(i >= groups.size() - held);
            }
        }
        return Optional.of(new RecordSplit(groups, flags));
    }

    /** Every record's series, in input order. */
    List<PreparedSeries> series() {
        return groups.stream().map(SeriesGroup::series).toList();
    }

    /** Every record's split: wholly training or wholly validation. */
    List<SplitFractions> fractions() {
        return validation.stream().map(v -> v ? SplitFractions.VALIDATION_ONLY : SplitFractions.TRAIN_ONLY).toList();
    }

    List<SeriesGroup> training() {
        return select(false);
    }

    List<SeriesGroup> heldOut() {
        return select(true);
    }

    private List<SeriesGroup> select(boolean held) {
        List<SeriesGroup> selected = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (validation.get(i) == held) {
                selected.add(groups.get(i));
            }
        }
        return selected;
    }

    private static String names(List<SeriesGroup> groups) {
        return groups.stream().map(SeriesGroup::name).toList().toString();
    }
}
