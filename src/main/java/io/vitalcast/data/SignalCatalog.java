package io.vitalcast.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vitalcast.errors.UserException;
import io.vitalcast.quality.QualitySpec;

/**
 * The signals Vitalcast knows, by name. The built-in ranges are deliberately wide (what a monitor can show for a
 * living patient, not what is healthy): they catch sensor and transcription faults, not clinical events, which are
 * what the forecaster is for. Fixed-step signals come without a step, to be configured per source or inferred.
 *
 * <p>Immutable; {@link #with} returns a new catalog.
 */
public final class SignalCatalog {
    /** Gaps of up to this many steps are interpolated in the built-in specs. */
    public static final int DEFAULT_MAX_GAP_STEPS = 5;

    private static final double OFF = Double.NaN;

    /*
     * Signal-quality thresholds, per step of the signal's usual source (bedside numerics at 1 min, ECG-derived heart
     * rate at 1 s, RR intervals per beat); override them per deployment with vitalcast.quality.<signal>.*.
     * - Flat line: heart rate, respiration and blood pressure vary from step to step (heart-rate variability,
     *   breathing, the pulse), so a value repeated exactly for many steps is a frozen sensor or a stuck derivation:
     *   10 steps of 1 min (15 for respiration, whose monitors report whole breaths per minute). For a 1 s heart
     *   rate 60 steps: a rate averaged over beats, of a regular low-variability rhythm (sedated patients), repeats
     *   for many seconds at the sampling resolution of the ECG. Off for SpO2, which legitimately sits at 97-100% for
     *   hours, and for RR intervals, which are constant under a pacemaker.
     * - Impossible jump: the largest change between consecutive steps that the body produces. A sinus rate changes
     *   by a few bpm per second; a premature beat moves an instantaneous rate by up to about 60 bpm at short
     *   coupling intervals (75 bpm, then a beat 0.44 s early: 136 bpm); a missed or an extra beat halves or doubles
     *   a derived rate (126 -> 63, 103 -> 206 bpm). More than 60 bpm within one 1 s step is a detection error; an
     *   abrupt arrhythmia onset is believed once it stays steady for the clear steps. A 1 min mean heart rate 60
     *   bpm per step as well; SpO2 falls at most a few points per 10 s even in apnoea (15 per minute);
     *   respiration 25 /min and arterial pressure 40 mmHg per step. Off for RR intervals: premature beats and
     *   pauses are abrupt by nature and are what their alerts are for.
     * - Saturation: a value at the very end of the signal's valid range is where monitors clip (heart rate 20 and
     *   300 bpm, respiration 2 and 80 /min, pressures at their range ends, SpO2 at 50% where oximeters stop being
     *   calibrated). Not SpO2 100%, which is a normal reading on oxygen.
     * - Clear steps: how long a signal must be good again before a SENSOR alert resolves; noise comes in bursts,
     *   so 10 s for a 1 s signal, 2 steps of 1 min, 5 beats.
     */
    private static final SignalCatalog DEFAULTS = new SignalCatalog(List.of(
        fixed("heart_rate", "bpm", 20, 300, 0.0, new QualitySpec(10, 60, 20, 300, 2)),
        fixed("ecg_heart_rate", "bpm", 20, 300, 0.0, new QualitySpec(60, 60, 20, 300, 10)),
        fixed("spo2", "%", 50, 100, 0.0, new QualitySpec(0, 15, 50, OFF, 2)),
        fixed("resp_rate", "/min", 2, 80, 0.0, new QualitySpec(15, 25, 2, 80, 2)),
        new SignalSpec("rr_interval", "s", 0.2, 3.0, null, null, DEFAULT_MAX_GAP_STEPS,
            SignalSpec.Sampling.EVENT_DRIVEN, new QualitySpec(0, OFF, 0.2, 3.0, 5),
            SignalSpec.Baseline.SINUS_RHYTHM),
        fixed("abp_mean", "mmHg", 10, 250, 0.0, new QualitySpec(10, 40, 10, 250, 2)),
        fixed("abp_sys", "mmHg", 20, 300, 0.0, new QualitySpec(10, 40, 20, 300, 2)),
        fixed("abp_dias", "mmHg", 5, 200, 0.0, new QualitySpec(10, 40, 5, 200, 2)),
        fixed("pulse", "bpm", 20, 300, 0.0, new QualitySpec(10, 60, 20, 300, 2))));

    private final Map<String, SignalSpec> specs;

    private SignalCatalog(List<SignalSpec> specs) {
        Map<String, SignalSpec> map = new LinkedHashMap<>();
        for (SignalSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        this.specs = Collections.unmodifiableMap(map);
    }

    private static SignalSpec fixed(String name, String unit, double min, double max, Double sensorOff,
                                    QualitySpec quality) {
        return new SignalSpec(name, unit, min, max, sensorOff, null, DEFAULT_MAX_GAP_STEPS,
            SignalSpec.Sampling.FIXED_STEP, quality);
    }

    /** The built-in signals. */
    public static SignalCatalog defaults() {
        return DEFAULTS;
    }

    /** This catalog with a spec added or replaced. */
    public SignalCatalog with(SignalSpec spec) {
        List<SignalSpec> list = new ArrayList<>(specs.values());
        list.removeIf(s -> s.name().equals(spec.name()));
        list.add(spec);
        return new SignalCatalog(list);
    }

    /**
     * The spec of a signal, as configured in the catalog.
     *
     * @throws UserException for a name the catalog does not know: signal names come from options, columns and files
     */
    public SignalSpec spec(String name) {
        SignalSpec spec = specs.get(name);
        if (spec == null) {
            throw new UserException("unknown signal '" + name + "'; known signals are "
                + String.join(", ", specs.keySet()));
        }
        return spec;
    }

    /** The spec of a fixed-step signal with its step configured for one source. */
    public SignalSpec spec(String name, Duration step) {
        return step == null ? spec(name) : spec(name).withStep(step);
    }

    public boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** Signal names in catalog order. */
    public List<String> names() {
        return List.copyOf(specs.keySet());
    }
}
