package io.vitalcast.series;

/**
 * The forecasts a series made at its last steps, kept to score each horizon step when its value arrives.
 *
 * @param pending           the forecast made at the last step (for the next steps), or null
 * @param pendingHalfWidths interval half-widths of that forecast (NaN while uncalibrated), or null
 * @param rows              the forecasts made at the last steps, most recent first (at most the horizon)
 * @param halfWidthRows     their interval half-widths, in the same order
 */
public record RecentForecasts(double[] pending, double[] pendingHalfWidths, double[][] rows,
                              double[][] halfWidthRows) {
    private static final RecentForecasts NONE = new RecentForecasts(null, null, new double[0][], new double[0][]);

    public RecentForecasts {
        rows = rows == null ? new double[0][] : rows;
        halfWidthRows = halfWidthRows == null ? new double[0][] : halfWidthRows;
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
