package io.vitalcast.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.vitalcast.data.Reading;
import io.vitalcast.errors.UserException;

/**
 * Whose readings a replay produces: a recording's patient ids renamed ({@code renames}), or all of them replayed as
 * one chosen id ({@code asPatient}), then optionally fanned out into {@code copies} patients {@code <id>-1 ..
 * <id>-N}, copy {@code k} shifted {@code (k - 1) * copyOffset} later in time so that the copies are not in lockstep.
 * Copies turn one recording into a ward of patients for load tests and dashboards. The values are the replay's
 * options, so a conflicting or impossible one, or a rename of an absent patient, is a {@link UserException}.
 *
 * @param renames    old patient id to new; ids not in it are kept
 * @param asPatient  one id for every reading, or null; excludes {@code renames}
 * @param copies     how many patients each mapped patient becomes (1 keeps the id as it is)
 * @param copyOffset time shift between consecutive copies, not negative
 */
public record PatientMapping(Map<String, String> renames, String asPatient, int copies, Duration copyOffset) {

    public PatientMapping {
        renames = renames == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(renames));
        if (asPatient != null && asPatient.isBlank()) {
            throw new UserException("the patient id to replay as must not be blank");
        }
        if (asPatient != null && !renames.isEmpty()) {
            throw new UserException("give either one patient id for all readings or a patient map, "
                + "not both");
        }
        renames.forEach((from, to) -> {
            if (to == null || to.isBlank()) {
                throw new UserException("patient '" + from + "' is mapped to a blank id");
            }
        });
        if (copies < 1) {
            throw new UserException("copies must be at least 1, was " + copies);
        }
        Objects.requireNonNull(copyOffset, "copyOffset");
        if (copyOffset.isNegative()) {
            throw new UserException("the offset between copies must not be negative, was " + copyOffset);
        }
    }

    /** Every patient as recorded, once. */
    public static PatientMapping identity() {
        return new PatientMapping(Map.of(), null, 1, Duration.ZERO);
    }

    /**
     * The mapped readings in time order (readings at the same instant keep their input order).
     *
     * @throws UserException when a renamed patient is not in {@code readings}
     */
    public List<Reading> apply(List<Reading> readings) {
        Set<String> present = new TreeSet<>();
        readings.forEach(r -> present.add(r.patientId()));
        for (String from : renames.keySet()) {
            if (!present.contains(from)) {
                throw new UserException("no patient '" + from + "' in the input to rename; patients are "
                    + present);
            }
        }
        List<Reading> mapped = new ArrayList<>(readings.size() * copies);
        for (int copy = 1; copy <= copies; copy++) {
            Duration shift = copyOffset.multipliedBy(copy - 1L);
            for (Reading reading : readings) {
                String id = asPatient != null ? asPatient : renames.getOrDefault(reading.patientId(),
                    reading.patientId());
                if (copies > 1) {
                    id = id + "-" + copy;
                }
                mapped.add(new Reading(reading.timestamp().plus(shift), id, reading.signal(), reading.value(),
                    reading.unit()));
            }
        }
        mapped.sort(Comparator.comparing(Reading::timestamp));
        return mapped;
    }
}
