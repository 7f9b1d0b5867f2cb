package io.vitalcast.config;

import io.vitalcast.errors.UserException;

/**
 * A configuration the job cannot start with. The message names the key, the offending value and the layer it came
 * from, so that the one line the command line prints is enough to fix it. A {@link UserException}, so that the command
 * line reports it as a mistake to fix, not as a bug.
 */
public final class ConfigException extends UserException {
    public ConfigException(String message) {
        super(message);
    }

    static ConfigException invalid(Setting setting, String expected) {
        return new ConfigException(setting.key() + ": expected " + expected + ", got '" + setting.shown() + "' ("
            + setting.origin() + ")");
    }
}
