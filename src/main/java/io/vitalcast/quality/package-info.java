/**
 * Signal quality: whether a step of a series can be believed at all, before anyone asks whether the patient is
 * well. A bedside alarm that fires on a loose electrode or a probe pressed against the bed rail is the commonest
 * false alarm in intensive care; these rules catch the technical causes so that they raise a technical (SENSOR)
 * alert instead of a clinical one, and so that the steps they mark are kept out of training.
 *
 * <p>How the parts fit: a {@link io.vitalcast.quality.QualitySpec} holds one signal's thresholds (built-in per signal
 * in the {@link io.vitalcast.data.SignalCatalog}, overridable by {@code vitalcast.quality.<signal>.*});
 * {@link io.vitalcast.quality.QualityTracker} applies the rules causally, one step at a time, as a small immutable
 * value, and names the {@link io.vitalcast.quality.QualityProblem} of a bad step. The same tracker runs in the
 * stream (where the SENSOR alert rule of {@code alerting} adds the alert's hysteresis) and in series preparation
 * ({@code data.SeriesBuilder}), so training and alerting agree on which steps are bad.
 */
package io.vitalcast.quality;
