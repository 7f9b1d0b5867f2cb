package io.vitalcast.config;

/**
 * A configuration the job cannot start with. The message names the key, the offending value and the layer it came
 * from, so that the one line the command line prints is enough to fix it. An {@link IllegalArgumentException} so that
 * the command line treats it like any other bad option.
 */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(Setting setting, String expected) {
        return new ConfigException(setting.key() + ": expected " + expected + ", got '" + setting.shown() + "' ("
            + setting.origin() + ")");
    }
}
