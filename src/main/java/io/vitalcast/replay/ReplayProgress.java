package io.vitalcast.replay;

import java.time.Instant;

/**
 * Where a replay is, as reported after each sent reading.
 *
 * @param pass      the current pass over the recording, from 1
 * @param sentInPass readings sent in this pass
 * @param perPass   readings in one pass
 * @param sent      readings sent in all passes
 * @param eventTime the timestamp of the reading just sent, as produced
 */
public record ReplayProgress(long pass, long sentInPass, long perPass, long sent, Instant eventTime) {

    /** Whether this reading was the last of its pass. */
    public boolean passComplete() {
        return sentInPass == perPass;
    }
}
