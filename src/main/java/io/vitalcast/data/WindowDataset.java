package io.vitalcast.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Forecasting windows cut from segments, split chronologically into training, validation and test parts.
 *
 * <p>The split is by time, not at random: the steps of a series (all its segments in time order) are cut at the
 * step positions {@code train * N} and {@code (train + validation) * N}, every segment crossing a cut is cut there,
 * and windows are made inside each piece. So a window never crosses a segment boundary or a part boundary, every
 * value a test window sees (history and target) lies after every training value, and nothing from validation or test
 * reaches the training part. The price is {@code inputLength + horizon - 1} windows lost at each cut.
 *
 * @param inputLength steps of history per window
 * @param horizon     steps forecast per window
 * @param train       the first part
 * @param validation  the middle part
 * @param test        the last part
 */
public record WindowDataset(int inputLength, int horizon, DatasetPart train, DatasetPart validation,
                            DatasetPart test) {

    public WindowDataset {
        checkLengths(inputLength, horizon);
    }

    /** Windows of one series' segments with the default 70/15/15 split. */
    public static WindowDataset create(List<Segment> segments, int inputLength, int horizon) {
        return create(segments, inputLength, horizon, SplitFractions.DEFAULT);
    }

    /**
     * Windows of one series' segments.
     *
     * @param segments the segments of one series, in time order
     */
    public static WindowDataset create(List<Segment> segments, int inputLength, int horizon,
                                       SplitFractions fractions) {
        checkLengths(inputLength, horizon);
        long total = segments.stream().mapToLong(Segment::length).sum();
        long trainEnd = Math.round(total * fractions.train());
        long validationEnd = Math.min(total, Math.round(total * (fractions.train() + fractions.validation())));
        long[] cuts = {0, trainEnd, validationEnd, total};
        List<List<Segment>> pieces = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Window>> windows = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long offset = 0;
        for (Segment segment : segments) {
            for (int p = 0; p < 3; p++) {
                long from = Math.max(offset, cuts[p]);
                long to = Math.min(offset + segment.length(), cuts[p + 1]);
                if (from >= to) {
                    continue;
                }
                Segment piece = segment.slice((int) (from - offset), (int) (to - offset));
                pieces.get(p).add(piece);
                addWindows(piece, from, inputLength, horizon, windows.get(p));
            }
            offset += segment.length();
        }
        return new WindowDataset(inputLength, horizon,
            new DatasetPart(Part.TRAIN, pieces.get(0), windows.get(0)),
            new DatasetPart(Part.VALIDATION, pieces.get(1), windows.get(1)),
            new DatasetPart(Part.TEST, pieces.get(2), windows.get(2)));
    }

    /**
     * Windows of several series (patients or recordings), each split in time on its own, the parts concatenated.
     */
    public static WindowDataset ofSeries(List<PreparedSeries> series, int inputLength, int horizon,
                                         SplitFractions fractions) {
        return ofSeries(series, inputLength, horizon, Collections.nCopies(series.size(), fractions));
    }

    /**
     * Windows of several series, each split in time by its own fractions (a record held out whole for validation
     * has {@link SplitFractions#VALIDATION_ONLY}), the parts concatenated.
     *
     * @param fractions one per series, in the same order
     */
    public static WindowDataset ofSeries(List<PreparedSeries> series, int inputLength, int horizon,
                                         List<SplitFractions> fractions) {
        if (series.size() != fractions.size()) {
            throw new IllegalArgumentException(series.size() + " series but " + fractions.size() + " fractions");
        }
        List<WindowDataset> each = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            each.add(create(series.get(i).segments(), inputLength, horizon, fractions.get(i)));
        }
        return concat(each);
    }

    /**
     * Datasets of several series with the same window shape, their parts concatenated in order; the windows are the
     * same objects, so a caller that made each series' dataset can still tell which series a window comes from.
     */
    public static WindowDataset concat(List<WindowDataset> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        int inputLength = datasets.get(0).inputLength();
        int horizon = datasets.get(0).horizon();
        for (WindowDataset dataset : datasets) {
            if (dataset.inputLength() != inputLength || dataset.horizon() != horizon) {
                throw new IllegalArgumentException("windows of " + dataset.inputLength() + "+" + dataset.horizon()
                    + " steps cannot join windows of " + inputLength + "+" + horizon);
            }
        }
        return new WindowDataset(inputLength, horizon, concat(datasets, Part.TRAIN),
            concat(datasets, Part.VALIDATION), concat(datasets, Part.TEST));
    }

    /** The part of that name. */
    public DatasetPart part(Part part) {
        return switch (part) {
            case TRAIN -> train;
            case VALIDATION -> validation;
            case TEST -> test;
        };
    }

    /** A scaler fitted on the training part only. */
    public Scaler fitScaler() {
        return Scaler.fit(train.series());
    }

    private static DatasetPart concat(List<WindowDataset> datasets, Part part) {
        List<Segment> segments = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        for (WindowDataset dataset : datasets) {
            segments.addAll(dataset.part(part).segments());
            windows.addAll(dataset.part(part).windows());
        }
        return new DatasetPart(part, segments, windows);
    }

    private static void addWindows(Segment piece, long pieceOffset, int inputLength, int horizon,
                                   List<Window> out) {
        double[] values = piece.valuesView();
        for (int i = 0; i + inputLength + horizon <= values.length; i++) {
            int firstTarget = i + inputLength;
            out.add(new Window(Arrays.copyOfRange(values, i, firstTarget),
                Arrays.copyOfRange(values, firstTarget, firstTarget + horizon), piece.time(firstTarget),
                piece.step(), pieceOffset + firstTarget));
        }
    }

    private static void checkLengths(int inputLength, int horizon) {
        if (inputLength < 1 || horizon < 1) {
            throw new IllegalArgumentException("inputLength and horizon must be >= 1, got " + inputLength + " and "
                + horizon);
        }
    }
}
