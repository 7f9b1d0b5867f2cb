package io.vitalcast.streaming;

import java.time.Duration;
import java.util.Map;

import io.vitalcast.alerting.ClinicalLimits;
import io.vitalcast.data.SignalCatalog;
import io.vitalcast.data.SignalSpec;

/** The streaming settings most tests run with: heart rate and SpO2 at 1 s, RR intervals, 2 s grace, limits. */
public final class TestSettings {
    private static final SignalCatalog CATALOG = SignalCatalog.defaults();

    private TestSettings() {
    }

    /** Heart rate (limits 40-140) and SpO2 (low limit 88) at 1 s and the RR interval; alerts after 2 steps. */
    public static StreamingSettings standard() {
        Map<String, SignalSpec> signals = Map.of(
            "heart_rate", CATALOG.spec("heart_rate", Duration.ofSeconds(1)),
            "spo2", CATALOG.spec("spo2", Duration.ofSeconds(1)),
            "rr_interval", CATALOG.spec("rr_interval"));
        return new StreamingSettings(Topics.defaults(), signals, null, Duration.ofSeconds(2), 0.0, 2, 2,
            Map.of("heart_rate", new ClinicalLimits(40, 140), "spo2", new ClinicalLimits(88, Double.NaN)));
    }
}
