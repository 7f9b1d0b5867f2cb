package io.vitalcast.training;

import java.util.Locale;

import io.vitalcast.errors.UserException;

/** The optimizers a {@link TrainingConfig} can name, each with its published default settings. */
public enum OptimizerType {
    /** SGD with momentum 0.9. */
    SGD,
    /** RMSprop, rho 0.9. */
    RMSPROP,
    /** Adam with Kingma and Ba's defaults. */
    ADAM;

    /** A fresh optimizer of this type with its default settings. */
    public Optimizer create() {
        return switch (this) {
            case SGD -> new SgdOptimizer(0.9);
            case RMSPROP -> RmsPropOptimizer.defaults();
            case ADAM -> AdamOptimizer.defaults();
        };
    }

    /** Parses a name case-insensitively (from {@code --optimizer}), naming the accepted values when it fails. */
    public static OptimizerType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("unknown optimizer '" + name + "': expected sgd, rmsprop or adam");
        }
    }
}
