package io.vitalcast.app;

import io.vitalcast.errors.UserException;

/**
 * Range checks of option values that go straight into library code, whose own checks are contracts for callers and
 * would be reported as bugs: the command checks first and names the option.
 */
final class OptionChecks {
    private OptionChecks() {
    }

    static void atLeast(String option, int min, int value) {
        if (value < min) {
            throw new UserException(option + " must be at least " + min + ", was " + value);
        }
    }

    static void between(String option, int min, int max, int value) {
        if (value < min || value > max) {
            throw new UserException(option + " must be from " + min + " to " + max + ", was " + value);
        }
    }
}
