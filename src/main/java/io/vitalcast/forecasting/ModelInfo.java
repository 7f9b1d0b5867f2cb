package io.vitalcast.forecasting;

/**
 * Which model forecast, as every forecast record names it.
 *
 * @param name    model name, e.g. {@code heart_rate-lstm} or {@code persistence}
 * @param version model version (when it was trained), or {@code builtin} for a baseline
 * @param kind    {@code lstm}, or {@code baseline} for a signal without a model ({@link ModelKind#family()})
 */
public record ModelInfo(String name, String version, String kind) {
}
