package io.vitalcast.data;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.vitalcast.errors.UserException;
import io.vitalcast.quality.QualitySpec;

/**
 * What a valid reading of a signal looks like and how the signal is sampled. Readings outside {@code [min, max]}
 * or equal to the sensor-off value are physiologically meaningless (a bedside monitor reports SpO2 0 when the probe
 * is off), so they are kept out of the series and counted rather than forecast.
 *
 * <p>Sampling: an event-driven signal (a beat-to-beat RR interval) has one step per reading and no {@code step}. A
 * fixed-step signal averages readings into steps of {@code step}; when {@code step} is null the step is not
 * configured and the {@link SeriesBuilder} infers it from the median spacing of the readings (the same heart rate
 * comes at 1 s from a Holter and at 1 min from bedside numerics).
 *
 * @param name           signal name
 * @param unit           unit of the values
 * @param min            smallest valid value (inclusive)
 * @param max            largest valid value (inclusive)
 * @param sensorOffValue value that means "sensor not connected", or null
 * @param step           step of a fixed-step signal; null for an event-driven signal or a step to infer
 * @param maxGapSteps    gaps of up to this many missing steps are filled by linear interpolation, longer ones split
 * @param sampling       fixed-step or event-driven
 * @param quality        signal-quality thresholds (flat line, impossible jump, saturation); steps they mark bad
 *                       raise SENSOR alerts in the stream and are kept out of training
 * @param baseline       the model the stream runs for this signal when no trained model is given
 */
public record SignalSpec(String name, String unit, double min, double max, Double sensorOffValue, Duration step,
                         int maxGapSteps, Sampling sampling, QualitySpec quality, Baseline baseline) {

    /** The model of a signal without a trained one. */
    public enum Baseline {
        /** The last value, with intervals from the series' own residuals. */
        PERSISTENCE,
        /** The sinus-rhythm reference of the beat-to-beat interval, learned from sinus beats only. */
        SINUS_RHYTHM
    }

    /** How readings map to steps. */
    public enum Sampling {
        /** Readings are averaged into steps of a fixed duration. */
        FIXED_STEP,
        /** Each reading is one step (beat to beat). */
        EVENT_DRIVEN
    }

    public SignalSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(baseline, "baseline");
        if (!(min < max)) {
            throw new IllegalArgumentException("signal " + name + ": min " + min + " must be below max " + max);
        }
        if (step != null && (step.isZero() || step.isNegative())) {
            throw new UserException("signal " + name + ": step must be positive, got " + step);
        }
        if (sampling == Sampling.EVENT_DRIVEN && step != null) {
            throw new UserException("signal " + name + ": an event-driven signal has no step, got " + step);
        }
        if (maxGapSteps < 0) {
            throw new IllegalArgumentException("signal " + name + ": maxGapSteps must be >= 0, got " + maxGapSteps);
        }
    }

    /** A spec whose baseline is persistence. */
    public SignalSpec(String name, String unit, double min, double max, Double sensorOffValue, Duration step,
                      int maxGapSteps, Sampling sampling, QualitySpec quality) {
        this(name, unit, min, max, sensorOffValue, step, maxGapSteps, sampling, quality, Baseline.PERSISTENCE);
    }

    /** A spec without signal-quality rules (only sensor-off readings are dropouts). */
    public SignalSpec(String name, String unit, double min, double max, Double sensorOffValue, Duration step,
                      int maxGapSteps, Sampling sampling) {
        this(name, unit, min, max, sensorOffValue, step, maxGapSteps, sampling, QualitySpec.off());
    }

    /** A spec whose sampling follows the step: null means event-driven, as the issue specifies. */
    public SignalSpec(String name, String unit, double min, double max, Double sensorOffValue, Duration step,
                      int maxGapSteps) {
        this(name, unit, min, max, sensorOffValue, step, maxGapSteps,
            step == null ? Sampling.EVENT_DRIVEN : Sampling.FIXED_STEP);
    }

    public boolean isEventDriven() {
        return sampling == Sampling.EVENT_DRIVEN;
    }

    /**
     * This spec with a configured step (fixed-step signals only).
     *
     * @throws UserException for an event-driven signal or a step that is not positive, since steps come from
     *                       {@code --step} and the configuration
     */
    public SignalSpec withStep(Duration newStep) {
        if (isEventDriven()) {
            throw new UserException("signal " + name + " is event-driven and takes no step, got " + newStep);
        }
        return new SignalSpec(name, unit, min, max, sensorOffValue, Objects.requireNonNull(newStep, "step"),
            maxGapSteps, sampling, quality, baseline);
    }

    /** This spec with another gap limit. */
    public SignalSpec withMaxGapSteps(int newMaxGapSteps) {
        return new SignalSpec(name, unit, min, max, sensorOffValue, step, newMaxGapSteps, sampling, quality, baseline);
    }

    /** This spec with other signal-quality thresholds. */
    public SignalSpec withQuality(QualitySpec newQuality) {
        return new SignalSpec(name, unit, min, max, sensorOffValue, step, maxGapSteps, sampling, newQuality, baseline);
    }

    /** Why a value is invalid for this signal, or empty when it is valid. */
    public Optional<InvalidReason> check(double value) {
        if (!Double.isFinite(value)) {
            return Optional.of(InvalidReason.NOT_FINITE);
        }
        if (sensorOffValue != null && value == sensorOffValue) {
            return Optional.of(InvalidReason.SENSOR_OFF);
        }
        if (value < min || value > max) {
            return Optional.of(InvalidReason.OUT_OF_RANGE);
        }
        return Optional.empty();
    }
}
