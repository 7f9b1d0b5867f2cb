package io.vitalcast.streaming;

import java.time.Duration;

/**
 * What an input record may be before the parser refuses it, chosen so that nothing a producer can send reaches a
 * part of Kafka Streams or of the broker that would refuse it in turn and stop the stream thread: a record timestamp
 * the broker rejects ({@code log.message.timestamp.after.max.ms}, one hour by default since Kafka 4.0), a rejected
 * record larger than the producer's {@code max.request.size}, a batch whose sample times overflow.
 *
 * @param maxFuture         how far ahead of the wall clock a reading's time may be (a monitor with a fast clock);
 *                          at most an hour, the broker's default limit on record timestamps, or
 *                          {@link #NO_FUTURE_LIMIT} for a broker that accepts any (the demo's embedded one, under an
 *                          accelerated replay whose event time runs ahead of the clock)
 * @param maxRecordBytes    the largest key plus value accepted, in bytes; larger records are {@code TOO_LARGE}
 * @param maxBatchValues    the most samples one waveform batch may carry
 * @param maxIdLength       the longest patient id or signal name accepted, in characters
 * @param maxOriginalBytes  how many of the original bytes a rejected record keeps (its length and SHA-256 are kept
 *                          whole), so that a rejection always fits in a producer request
 */
public record InputLimits(Duration maxFuture, int maxRecordBytes, int maxBatchValues, int maxIdLength,
                          int maxOriginalBytes) {
    /** The broker's default limit on how far ahead of its clock a record timestamp may be. */
    public static final Duration BROKER_MAX_FUTURE = Duration.ofHours(1);
    /** No limit on how far ahead a reading may be. */
    public static final Duration NO_FUTURE_LIMIT = Duration.ofMillis(Long.MAX_VALUE);
    /** The defaults: five minutes ahead, 256 KiB records, 10,000 samples a batch, 256-character ids, 16 KiB kept. */
    public static final InputLimits DEFAULT = new InputLimits(Duration.ofMinutes(5), 256 * 1024, 10_000, 256,
        16 * 1024);

    public InputLimits {
        if (maxFuture == null || maxFuture.isNegative()
            || (maxFuture.compareTo(BROKER_MAX_FUTURE) > 0 && !maxFuture.equals(NO_FUTURE_LIMIT))) {
            throw new IllegalArgumentException("the future limit must be from 0 to " + BROKER_MAX_FUTURE
                + ", got " + maxFuture);
        }
        if (maxRecordBytes < 1 || maxBatchValues < 1 || maxIdLength < 1 || maxOriginalBytes < 0) {
            throw new IllegalArgumentException("record size, batch values and id length must be positive and the "
                + "kept original bytes non-negative");
        }
    }
}
