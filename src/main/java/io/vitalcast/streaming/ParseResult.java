package io.vitalcast.streaming;

/**
 * What parsing one reading produced: a valid reading or a rejection (exactly one is non-null).
 *
 * @param reading  the valid reading, or null
 * @param rejected the rejection, or null
 */
public record ParseResult(ReadingEvent reading, RejectedReading rejected) {

    public static ParseResult valid(ReadingEvent reading) {
        return new ParseResult(reading, null);
    }

    public static ParseResult rejected(RejectedReading rejected) {
        return new ParseResult(null, rejected);
    }

    public boolean isRejected() {
        return rejected != null;
    }
}
