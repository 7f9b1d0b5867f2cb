package io.vitalcast.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static final SignalCatalog DEFAULTS = new SignalCatalog(List.of(
        fixed("heart_rate", "bpm", 20, 300, 0.0),
        fixed("ecg_heart_rate", "bpm", 20, 300, 0.0),
        fixed("spo2", "%", 50, 100, 0.0),
        fixed("resp_rate", "/min", 2, 80, 0.0),
        new SignalSpec("rr_interval", "s", 0.2, 3.0, null, null, DEFAULT_MAX_GAP_STEPS),
        fixed("abp_mean", "mmHg", 10, 250, 0.0),
        fixed("abp_sys", "mmHg", 20, 300, 0.0),
        fixed("abp_dias", "mmHg", 5, 200, 0.0),
        fixed("pulse", "bpm", 20, 300, 0.0)));

    private final Map<String, SignalSpec> specs;

    private SignalCatalog(List<SignalSpec> specs) {
        Map<String, SignalSpec> map = new LinkedHashMap<>();
        for (SignalSpec spec : specs) {
            map.put(spec.name(), spec);
        }
        this.specs = Collections.unmodifiableMap(map);
    }

    private static SignalSpec fixed(String name, String unit, double min, double max, Double sensorOff) {
        return new SignalSpec(name, unit, min, max, sensorOff, null, DEFAULT_MAX_GAP_STEPS,
            SignalSpec.Sampling.FIXED_STEP);
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

    /** The spec of a signal, as configured in the catalog. */
    public SignalSpec spec(String name) {
        SignalSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown signal '" + name + "'; known signals are "
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
