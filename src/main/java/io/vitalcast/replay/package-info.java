/**
 * Replays recorded readings into Kafka as if monitors were sending them live, for demos, load and end-to-end tests.
 *
 * <p>How the parts fit: {@link io.vitalcast.replay.PatientMapping} decides whose readings they become (renamed,
 * or several time-shifted copies); {@link io.vitalcast.replay.ReadingJson} writes each one in the JSON that the
 * streaming parser reads; {@link io.vitalcast.replay.Replayer} sends them keyed by patient id, paced by event time
 * through a {@link io.vitalcast.replay.ReplayClock}, and reports to a {@link io.vitalcast.replay.ReplayListener}.
 * The replayer takes a Kafka {@code Producer} rather than making one, so tests run it against {@code MockProducer}
 * and a fake clock without a broker and without sleeping.
 */
package io.vitalcast.replay;
