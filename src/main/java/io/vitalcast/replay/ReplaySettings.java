package io.vitalcast.replay;

import java.util.Objects;

import io.vitalcast.errors.UserException;

/**
 * How to replay: where to, how fast, how often and on which timeline. Topic and speed are options, so a blank topic
 * or a negative speed is a {@link UserException}; the passes are the command's own.
 *
 * @param topic  topic to produce to
 * @param speed  event time per wall time: 1 is real time, 60 plays an hour in a minute, 0 sends as fast as Kafka
 *               takes readings
 * @param passes passes over the recording, at least 1; {@link #FOREVER} loops until stopped
 * @param start  which timeline readings are stamped on
 */
public record ReplaySettings(String topic, double speed, long passes, ReplayStart start) {
    /** Passes meaning "loop until stopped". */
    public static final long FOREVER = Long.MAX_VALUE;

    public ReplaySettings {
        if (topic == null || topic.isBlank()) {
            throw new UserException("the topic must not be blank");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new UserException("speed must be a finite number >= 0 (0 = as fast as possible), was "
                + speed);
        }
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1, was " + passes);
        }
        Objects.requireNonNull(start, "start");
    }

    /** One pass at {@code speed} to {@code topic}, stamped from now. */
    public static ReplaySettings of(String topic, double speed) {
        return new ReplaySettings(topic, speed, 1, ReplayStart.NOW);
    }

    /** Whether readings are paced at all. */
    public boolean paced() {
        return speed > 0;
    }
}
