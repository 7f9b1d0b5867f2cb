package io.vitalcast.streaming;

/**
 * A parsed reading (or sensor-off marker) on its way, through the readings-by-patient repartition topic, from the
 * partition its producer chose to the one of its patient (the murmur2 hash of the patient id, as Java producers and
 * the acknowledgements' repartition choose), parsed where it arrived so that a rejection names the original record.
 * Exactly one of the two is set.
 *
 * @param reading a valid reading, with its original record
 * @param marker  a sensor-off rejection, a dropout marker for the series
 */
record RoutedReading(ReadingEvent reading, RejectedReading marker) {

    static RoutedReading of(ParseResult result) {
        return result.isRejected() ? new RoutedReading(null, result.rejected())
            : new RoutedReading(result.reading(), null);
    }

    ParseResult result() {
        return reading != null ? ParseResult.valid(reading) : ParseResult.rejected(marker);
    }
}
