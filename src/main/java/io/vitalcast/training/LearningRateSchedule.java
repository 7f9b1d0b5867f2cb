package io.vitalcast.training;

/**
 * The learning rate as a function of the epoch (0-based) and the base rate: the hook by which a training run
 * varies its step size. Factories validate their arguments.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    double rate(double baseRate, int epoch);

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return (base, epoch) -> base;
    }

    /** {@code base * decay^epoch}. */
    static LearningRateSchedule exponential(double decay) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1], was " + decay);
        }
        return (base, epoch) -> base * Math.pow(decay, epoch);
    }

    /** {@code base * factor^(epoch / every)}: drops by {@code factor} every {@code every} epochs. */
    static LearningRateSchedule step(int every, double factor) {
        if (every < 1 || !(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("every must be >= 1 and factor in (0, 1], were every=" + every
                + ", factor=" + factor);
        }
        return (base, epoch) -> base * Math.pow(factor, epoch / every);
    }
}
