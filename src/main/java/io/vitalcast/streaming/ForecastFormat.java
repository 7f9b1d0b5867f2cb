package io.vitalcast.streaming;

/**
 * How forecasts are written to the forecasts topic ({@code vitalcast.forecasts.format}): {@code json}, a point
 * object per horizon step with its time; {@code compact}, the same forecast as parallel arrays of values and bounds
 * whose times follow from the last step and the step length, about half the bytes, for sites where the
 * forecasts topic is the largest write. Both are JSON with the values at the signal's resolution and the interval
 * level ({@code docs/schemas/forecasts.schema.json}, {@code forecasts-compact.schema.json}).
 */
public enum ForecastFormat {
    JSON,
    COMPACT
}
