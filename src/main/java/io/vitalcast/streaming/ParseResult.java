package io.vitalcast.streaming;

/**
 * What parsing one reading produced: a {@link Valid} reading or a {@link Rejected} one, never both and never
 * neither. The accessors of the other variant's value throw, so a caller that asks for the wrong one finds out at
 * once rather than carrying a null on.
 */
public sealed interface ParseResult permits ParseResult.Valid, ParseResult.Rejected {

    static ParseResult valid(ReadingEvent reading) {
        return new Valid(reading);
    }

    static ParseResult rejected(RejectedReading rejected) {
        return new Rejected(rejected);
    }

    boolean isRejected();

    /** The valid reading; throws for a rejection. */
    ReadingEvent reading();

    /** The rejection; throws for a valid reading. */
    RejectedReading rejected();

    /** @param reading the valid reading */
    record Valid(ReadingEvent reading) implements ParseResult {
        public Valid {
            java.util.Objects.requireNonNull(reading, "reading");
        }

        @Override
        public boolean isRejected() {
            return false;
        }

        @Override
        public RejectedReading rejected() {
            throw new IllegalStateException("a valid reading has no rejection");
        }
    }

    /** @param rejected why, and the source record */
    record Rejected(RejectedReading rejected) implements ParseResult {
        public Rejected {
            java.util.Objects.requireNonNull(rejected, "rejected");
        }

        @Override
        public boolean isRejected() {
            return true;
        }

        @Override
        public ReadingEvent reading() {
            throw new IllegalStateException("a rejected reading has no valid reading");
        }
    }
}
