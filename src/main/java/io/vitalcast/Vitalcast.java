package io.vitalcast;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build of Vitalcast that every package may need (model files record the version). */
public final class Vitalcast {
    private static final String VERSION = load();

    private Vitalcast() {
    }

    /** The version filtered into the jar at build time, or {@code unknown}. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Vitalcast.class.getResourceAsStream("/io/vitalcast/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
