package io.vitalcast.replay;

/** Which timeline a replay's readings are stamped on. */
public enum ReplayStart {
    /**
     * The first reading is stamped with the time the replay starts and the others keep their spacing, so the service
     * sees a live patient (and its latency metrics mean something at speed 1). Recordings here are de-identified and
     * start in 2000; sent as recorded they would all be decades old.
     */
    NOW,
    /** Readings keep their recorded timestamps. */
    RECORDED
}
