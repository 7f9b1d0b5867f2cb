package io.vitalcast.replay;

import java.time.Duration;

/**
 * What a finished (or stopped) replay did.
 *
 * @param sent      readings sent and acknowledged
 * @param passes    passes started over the recording
 * @param eventSpan event time covered, from the first reading produced to the last
 * @param wallTime  how long the replay took
 * @param stopped   whether it was stopped before its passes were done
 */
public record ReplaySummary(long sent, long passes, Duration eventSpan, Duration wallTime, boolean stopped) {
}
