package io.vitalcast.streaming;

import io.vitalcast.data.SeriesKey;

/**
 * Keys of the stores, unambiguous whatever the ids hold: each part is escaped ({@code \} as {@code \\}, {@code |} as
 * {@code \|}) and the parts are joined by {@code |}, so a patient id with a {@code |} cannot collide with another
 * patient's series. An id without either character is written as it is, so keys stored before the escaping read the
 * same.
 */
final class StoreKeys {
    private StoreKeys() {
    }

    /** The key of a series (patient and signal) in the series-state store. */
    static String series(SeriesKey key) {
        return escape(key.patientId()) + '|' + escape(key.signal());
    }

    /** The key of one alert of a patient (acknowledgements, open alerts). */
    static String alert(String patientId, String alertId) {
        return escape(patientId) + '|' + escape(alertId);
    }

    /** The prefix every key of a patient starts with, and no key of another patient does. */
    static String patientPrefix(String patientId) {
        return escape(patientId) + '|';
    }

    /** The series a {@link #series} key names. */
    static SeriesKey parseSeries(String key) {
        StringBuilder part = new StringBuilder();
        String patient = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                part.append(key.charAt(++i));
            } else if (c == '|' && patient == null) {
                patient = part.toString();
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (patient == null) {
            throw new IllegalArgumentException("not a series key: " + key);
        }
        return new SeriesKey(patient, part.toString());
    }

    private static String escape(String part) {
        if (part.indexOf('|') < 0 && part.indexOf('\\') < 0) {
            return part;
        }
        return part.replace("\\", "\\\\").replace("|", "\\|");
    }
}
