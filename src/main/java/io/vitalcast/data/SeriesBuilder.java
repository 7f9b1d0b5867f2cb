package io.vitalcast.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.vitalcast.errors.UserException;
import io.vitalcast.quality.QualityProblem;
import io.vitalcast.quality.QualityTracker;

/**
 * Turns the readings of one patient and signal into regular, gap-free {@link Segment}s.
 *
 * <p>In order: readings are sorted by time; each is checked against the {@link SignalSpec} (unit, finiteness,
 * sensor-off value, range) and a second reading at a time already taken is a duplicate; invalid readings are counted
 * by reason and become missing steps. A fixed-step signal then averages the valid readings of each step (steps are
 * counted from the first valid reading); an event-driven signal has one step per reading. A run of at most
 * {@code maxGapSteps} missing steps between two valid ones is filled by linear interpolation; a longer run ends the
 * segment. Missing steps before the first or after the last valid reading belong to no segment.
 *
 * <p>Signal quality: before gap filling, each step (each reading of an event-driven signal) is judged by the
 * signal's quality rules ({@link QualityTracker}, the same rules the stream applies); a step judged bad (flat
 * line, impossible jump, saturation) is counted by reason and becomes a missing step, so it never reaches training.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeriesBuilder {

    private SeriesBuilder() {
    }

    /** Groups readings by patient and signal, in order of first appearance, keeping each group's order. */
    public static Map<SeriesKey, List<Reading>> group(List<Reading> readings) {
        Map<SeriesKey, List<Reading>> groups = new LinkedHashMap<>();
        for (Reading reading : readings) {
            groups.computeIfAbsent(SeriesKey.of(reading), k -> new ArrayList<>()).add(reading);
        }
        return groups;
    }

    /**
     * Prepares every series in the readings with the catalog's specs.
     *
     * @param steps configured step per signal name; signals not in it keep the catalog's step or have it inferred
     * @throws UserException for a signal the catalog does not know, or a step that cannot be inferred
     */
    public static List<PreparedSeries> prepareAll(List<Reading> readings, SignalCatalog catalog,
                                                  Map<String, Duration> steps) {
        List<PreparedSeries> prepared = new ArrayList<>();
        for (Map.Entry<SeriesKey, List<Reading>> group : group(readings).entrySet()) {
            String signal = group.getKey().signal();
            prepared.add(prepare(group.getValue(), catalog.spec(signal, steps.get(signal))));
        }
        return prepared;
    }

    /**
     * Prepares the readings of one series.
     *
     * A series without any valid reading gives no segments (its spec keeps an unconfigured step).
     *
     * @throws IllegalArgumentException when the readings are empty, mix series or belong to another signal
     * @throws UserException            when a fixed step is neither configured nor inferable (one valid time only)
     */
    public static PreparedSeries prepare(List<Reading> readings, SignalSpec spec) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("no readings to prepare for signal " + spec.name());
        }
        SeriesKey key = SeriesKey.of(readings.get(0));
        for (Reading reading : readings) {
            if (!SeriesKey.of(reading).equals(key)) {
                throw new IllegalArgumentException("readings mix series " + key + " and " + SeriesKey.of(reading));
            }
        }
        if (!key.signal().equals(spec.name())) {
            throw new IllegalArgumentException("readings of signal " + key.signal() + " given spec " + spec.name());
        }
        List<Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparing(Reading::timestamp));

        Map<InvalidReason, Integer> invalid = new EnumMap<>(InvalidReason.class);
        List<Reading> valid = new ArrayList<>();
        List<Boolean> validFlags = new ArrayList<>();
        Instant lastValidTime = null;
        for (Reading reading : sorted) {
            Optional<InvalidReason> reason = check(reading, spec);
            if (reason.isEmpty() && reading.timestamp().equals(lastValidTime)) {
                invalid.merge(InvalidReason.DUPLICATE, 1, Integer::sum);
                continue;
            }
            if (reason.isPresent()) {
                invalid.merge(reason.get(), 1, Integer::sum);
                validFlags.add(false);
            } else {
                valid.add(reading);
                validFlags.add(true);
                lastValidTime = reading.timestamp();
            }
        }
        if (spec.isEventDriven()) {
            return eventDriven(key, spec, readings.size(), invalid, valid, validFlags);
        }
        if (valid.isEmpty()) {
            return new PreparedSeries(key, spec, List.of(), readings.size(), invalid, 0, 0, 0);
        }
        SignalSpec resolved = spec.step() != null ? spec : spec.withStep(inferStep(key, valid));
        return fixedStep(key, resolved, readings.size(), invalid, valid);
    }

    /**
     * The median spacing of distinct reading times: the step of a fixed-step signal whose step is not configured.
     *
     * @throws UserException with fewer than two distinct times: the recording cannot tell, the user must
     */
    public static Duration inferStep(SeriesKey key, List<Reading> readings) {
        List<Long> spacings = new ArrayList<>();
        Instant previous = null;
        for (Reading reading : readings.stream().sorted(Comparator.comparing(Reading::timestamp)).toList()) {
            if (previous != null && reading.timestamp().isAfter(previous)) {
                spacings.add(Duration.between(previous, reading.timestamp()).toNanos());
            }
            previous = reading.timestamp();
        }
        if (spacings.isEmpty()) {
            throw new UserException("cannot infer the step of " + key + " from " + readings.size()
                + " valid reading(s) at fewer than two distinct times; configure the step");
        }
        spacings.sort(null);
        return Duration.ofNanos(spacings.get((spacings.size() - 1) / 2));
    }

    private static Optional<InvalidReason> check(Reading reading, SignalSpec spec) {
        if (reading.unit() != null && !reading.unit().equals(spec.unit())) {
            return Optional.of(InvalidReason.WRONG_UNIT);
        }
        return spec.check(reading.value());
    }

    private static PreparedSeries eventDriven(SeriesKey key, SignalSpec spec, int count,
                                              Map<InvalidReason, Integer> invalid, List<Reading> valid,
                                              List<Boolean> validFlags) {
        GapFiller filler = new GapFiller(spec.maxGapSteps(), null);
        QualityTracker quality = QualityTracker.initial();
        int next = 0;
        long position = 0;
        for (boolean isValid : validFlags) {
            if (isValid) {
                Reading reading = valid.get(next++);
                QualityTracker.Verdict verdict = quality.next(spec.quality(), reading.value(), 0);
                quality = verdict.next();
                if (verdict.isBad()) {
                    invalid.merge(reasonOf(verdict.problem()), 1, Integer::sum);
                } else {
                    filler.add(position, reading.value(), reading.timestamp());
                }
            }
            position++;
        }
        return filler.finish(key, spec, count, invalid, 0);
    }

    private static PreparedSeries fixedStep(SeriesKey key, SignalSpec spec, int count,
                                            Map<InvalidReason, Integer> invalid, List<Reading> valid) {
        Instant origin = valid.get(0).timestamp();
        TreeMap<Long, double[]> bins = new TreeMap<>();
        for (Reading reading : valid) {
            long index = Duration.between(origin, reading.timestamp()).dividedBy(spec.step());
            double[] sumAndCount = bins.computeIfAbsent(index, k -> new double[2]);
            sumAndCount[0] += reading.value();
            sumAndCount[1]++;
        }
        int averaged = 0;
        GapFiller filler = new GapFiller(spec.maxGapSteps(), spec.step());
        QualityTracker quality = QualityTracker.initial();
        long lastJudged = -1;
        for (Map.Entry<Long, double[]> bin : bins.entrySet()) {
            double[] sumAndCount = bin.getValue();
            if (sumAndCount[1] > 1) {
                averaged += (int) sumAndCount[1];
            }
            long missing = lastJudged < 0 ? 0 : bin.getKey() - lastJudged - 1;
            lastJudged = bin.getKey();
            QualityTracker.Verdict verdict = quality.next(spec.quality(), sumAndCount[0] / sumAndCount[1], missing);
            quality = verdict.next();
            if (verdict.isBad()) {
                invalid.merge(reasonOf(verdict.problem()), 1, Integer::sum);
                continue;
            }
            filler.add(bin.getKey(), sumAndCount[0] / sumAndCount[1],
                origin.plus(spec.step().multipliedBy(bin.getKey())));
        }
        return filler.finish(key, spec, count, invalid, averaged);
    }

    private static InvalidReason reasonOf(QualityProblem problem) {
        return switch (problem) {
            case DROPOUT -> InvalidReason.SENSOR_OFF;
            case FLAT_LINE -> InvalidReason.FLAT_LINE;
            case IMPOSSIBLE_JUMP -> InvalidReason.IMPOSSIBLE_JUMP;
            case SATURATION -> InvalidReason.SATURATION;
        };
    }

    /** Collects values at increasing step positions into segments, filling short gaps and splitting at long ones. */
    private static final class GapFiller {
        private final int maxGapSteps;
        private final Duration step;
        private final List<Segment> segments = new ArrayList<>();
        private double[] values = new double[64];
        private int length;
        private Instant start;
        private long lastPosition;
        private int filledSteps;
        private int gapsSplit;

        GapFiller(int maxGapSteps, Duration step) {
            this.maxGapSteps = maxGapSteps;
            this.step = step;
        }

        void add(long position, double value, Instant time) {
            if (start != null) {
                long gap = position - lastPosition - 1;
                if (gap > maxGapSteps) {
                    close();
                    gapsSplit++;
                } else {
                    double previous = values[length - 1];
                    for (long g = 1; g <= gap; g++) {
                        append(previous + (value - previous) * g / (gap + 1));
                    }
                    filledSteps += (int) gap;
                }
            }
            if (start == null) {
                start = time;
            }
            append(value);
            lastPosition = position;
        }

        private void append(double value) {
            if (length == values.length) {
                values = Arrays.copyOf(values, length * 2);
            }
            values[length++] = value;
        }

        private void close() {
            segments.add(new Segment(start, step, Arrays.copyOf(values, length)));
            start = null;
            length = 0;
        }

        PreparedSeries finish(SeriesKey key, SignalSpec spec, int count, Map<InvalidReason, Integer> invalid,
                              int averaged) {
            if (start != null) {
                close();
            }
            return new PreparedSeries(key, spec, segments, count, invalid, averaged, filledSteps, gapsSplit);
        }
    }
}
