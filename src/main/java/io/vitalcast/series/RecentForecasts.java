package io.vitalcast.series;

/**
 * The forecasts a series made at its last steps, kept to score each horizon step when its value arrives.
 *
 * @param pending           the forecast made at the last step (for the next steps), or null
 * @param pendingHalfWidths interval half-widths of that forecast (NaN while uncalibrated), or null
 * @param rows              the forecasts made at the last steps, most recent first (at most the horizon)
 * @param halfWidthRows     their interval half-widths, in the same order
 * @param offsetRows        what the series' online adaptation added to the model's own forecast in each row, in the
 *                          same order (a null row: nothing), so that the model's raw error can be scored too
 */
public record RecentForecasts(double[] pending, double[] pendingHalfWidths, double[][] rows,
                              double[][] halfWidthRows, double[][] offsetRows) {
    private static final RecentForecasts NONE = new RecentForecasts(null, null, new double[0][], new double[0][],
        new double[0][]);

    public RecentForecasts {
        rows = rows == null ? new double[0][] : rows;
        halfWidthRows = halfWidthRows == null ? new double[0][] : halfWidthRows;
        offsetRows = offsetRows == null ? new double[0][] : offsetRows;
    }

    /** Forecasts that no online adaptation changed. */
    public RecentForecasts(double[] pending, double[] pendingHalfWidths, double[][] rows, double[][] halfWidthRows) {
        this(pending, pendingHalfWidths, rows, halfWidthRows, null);
    }

    /** What the adaptation added to row {@code k} at 0-based horizon step {@code h}. */
    public double offset(int k, int h) {
        return k < offsetRows.length && offsetRows[k] != null && h < offsetRows[k].length ? offsetRows[k][h] : 0;
    }

    /** No forecast made yet. */
    public static RecentForecasts none() {
        return NONE;
    }

    /** Whether a forecast was made at the last step, so that this step can be scored against it. */
    public boolean hasPending() {
        return pending != null;
    }
}
