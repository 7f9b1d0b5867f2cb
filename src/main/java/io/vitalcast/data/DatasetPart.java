package io.vitalcast.data;

import java.util.List;
import java.util.Objects;

/**
 * One chronological part of a {@link WindowDataset}: the pieces of segments that fall in it, and the windows made
 * inside those pieces.
 *
 * @param part     which part
 * @param segments the pieces, in time order (fitting baselines uses these, never the other parts)
 * @param windows  the windows, in time order
 */
public record DatasetPart(Part part, List<Segment> segments, List<Window> windows) {

    public DatasetPart {
        Objects.requireNonNull(part, "part");
        segments = List.copyOf(segments);
        windows = List.copyOf(windows);
    }

    /** The values of each piece, as arrays to fit on. */
    public List<double[]> series() {
        return segments.stream().map(Segment::values).toList();
    }

    /** Steps over all pieces. */
    public int steps() {
        return segments.stream().mapToInt(Segment::length).sum();
    }

    /** Each window's history, {@code [window][step]}, in original units. */
    public double[][] histories() {
        return windows.stream().map(Window::history).toArray(double[][]::new);
    }

    /** Each window's target, {@code [window][h]}, in original units. */
    public double[][] targets() {
        return windows.stream().map(Window::target).toArray(double[][]::new);
    }

    public int size() {
        return windows.size();
    }
}
