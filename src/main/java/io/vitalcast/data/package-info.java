/**
 * Readings in, regular series out: everything between a CSV of bedside numbers and the windows a forecaster is
 * trained and tested on.
 *
 * <p>How the parts fit: {@link io.vitalcast.data.ReadingsCsv} reads {@link io.vitalcast.data.Reading}s from the long
 * format ({@code timestamp,patient_id,signal,value[,unit]}) or from a wide file described by
 * {@link io.vitalcast.data.WideCsvOptions}, and fails with a one-line {@link io.vitalcast.data.DataException} naming
 * the file when the file itself is unusable. A {@link io.vitalcast.data.SignalSpec} (usually from the
 * {@link io.vitalcast.data.SignalCatalog}) says what a valid value is; the {@link io.vitalcast.data.SeriesBuilder}
 * turns the readings of one patient and signal into {@link io.vitalcast.data.Segment}s of regular steps and reports
 * what it did in a {@link io.vitalcast.data.PreparedSeries}: every invalid reading is counted by
 * {@link io.vitalcast.data.InvalidReason}, every interpolated step and every split is counted, so nothing is used
 * or dropped silently. Finally a {@link io.vitalcast.data.WindowDataset} cuts the segments chronologically into
 * training, validation and test parts and makes (history, target) {@link io.vitalcast.data.Window}s inside each
 * part; a {@link io.vitalcast.data.Scaler} is fitted on the training part only.
 *
 * <p>Policy for bad input: a file that cannot be read, lacks a required column, holds a malformed row or has no
 * readings at all is rejected as a whole ({@code DataException}); a reading that parses but makes no physiological
 * sense is kept out of the series and counted.
 */
package io.vitalcast.data;
