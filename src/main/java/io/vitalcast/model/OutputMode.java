package io.vitalcast.model;

/** Which hidden states the dense output head reads. */
public enum OutputMode {
    /** Many-to-one: the head maps the last hidden state of the top layer to the outputs (one target row). */
    LAST_STEP,
    /** Many-to-many: the head maps the hidden state of every step (one target row per step). */
    EVERY_STEP
}
