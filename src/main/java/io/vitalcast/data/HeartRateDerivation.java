package io.vitalcast.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Derives a heart-rate series from an ECG waveform column of a wide CSV (as PhysioNet exports are): beats by the
 * {@link QrsDetector}, a monitor-style rate per step by {@link BeatRate}. The readings are stamped at the end of
 * their step (the rate is known then, from beats up to that moment: no look-ahead). Steps without a rate are left
 * out, as blank cells are. Stateless.
 */
public final class HeartRateDerivation {

    private HeartRateDerivation() {
    }

    /**
     * What was derived.
     *
     * @param readings     the heart-rate readings, one per step with a rate
     * @param beats        beats detected
     * @param samplingRate samples per second of the waveform (from the median spacing of its times)
     * @param steps        steps in the recording, with or without a rate
     */
    public record Result(List<Reading> readings, int beats, double samplingRate, int steps) {
    }

    /**
     * @param file       wide CSV with a time column and the ECG column (blank cells are invalid samples)
     * @param timeColumn the time column, with {@code timeUnit}
     * @param ecgColumn  the ECG lead to read
     * @param signal     the signal name of the readings (e.g. ecg_heart_rate)
     * @param unit       its unit
     * @param patientId  the patient id of the readings
     * @param step       the step of the rate
     * @param origin     instant of time 0, or null for the default origin
     */
    public static Result derive(Path file, String timeColumn, TimeUnitOption timeUnit, String ecgColumn,
                                String signal, String unit, String patientId, Duration step, Instant origin) {
        List<Double> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Instant zero = origin == null ? WideCsvOptions.DEFAULT_ORIGIN : origin;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String header = reader.readLine();
            if (header == null) {
                throw new DataException(file + ": empty file");
            }
            List<String> columns = Arrays.asList(header.split(",", -1));
            int timeIndex = columns.indexOf(timeColumn);
            int ecgIndex = columns.indexOf(ecgColumn);
            if (timeIndex < 0 || ecgIndex < 0) {
                throw new DataException(file + ": needs columns '" + timeColumn + "' and '" + ecgColumn
                    + "'; columns are " + String.join(", ", columns));
            }
            String line;
            int row = 1;
            while ((line = reader.readLine()) != null) {
                row++;
                String[] cells = line.split(",", -1);
                if (cells.length <= Math.max(timeIndex, ecgIndex)) {
                    throw new DataException(file + ": row " + row + " has " + cells.length + " cells");
                }
                long ms = time(file, row, timeColumn, timeUnit, cells[timeIndex], zero).toEpochMilli()
                    - zero.toEpochMilli();
                times.add(ms / 1000.0);
                String cell = cells[ecgIndex].trim();
                values.add(cell.isEmpty() ? Double.NaN : Double.parseDouble(cell));
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new DataException(file + ": not a number in column '" + ecgColumn + "': " + e.getMessage(), e);
        }
        if (times.size() < 2) {
            throw new DataException(file + ": fewer than two samples");
        }
        double[] spacing = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            spacing[i - 1] = times.get(i) - times.get(i - 1);
        }
        Arrays.sort(spacing);
        double samplingRate = 1 / spacing[spacing.length / 2];
        if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
            throw new DataException(file + ": the times in column '" + timeColumn + "' do not increase (median "
                + "spacing " + spacing[spacing.length / 2] + " s)");
        }
        double[] ecg = values.stream().mapToDouble(Double::doubleValue).toArray();
        int[] beats = QrsDetector.detect(ecg, samplingRate);
        double start = times.get(0);
        double[] beatTimes = Arrays.stream(beats).mapToDouble(i -> times.get(i) - start).toArray();
        double stepS = step.toMillis() / 1000.0;
        double[] rates = BeatRate.perStep(beatTimes, stepS, times.get(times.size() - 1) - start);
        List<Reading> readings = new ArrayList<>();
        for (int s = 0; s < rates.length; s++) {
            if (Double.isFinite(rates[s])) {
                long ms = Math.round((start + (s + 1) * stepS) * 1000);
                readings.add(new Reading(zero.plusMillis(ms), patientId, signal, Math.round(rates[s] * 10) / 10.0,
                    unit));
            }
        }
        return new Result(readings, beats.length, samplingRate, rates.length);
    }

    private static Instant time(Path file, int row, String column, TimeUnitOption unit, String cell, Instant zero) {
        try {
            return unit.toInstant(cell, zero);
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ":" + row + ": time '" + cell + "' in column '" + column
                + "' is not valid for time unit " + unit.symbol());
        }
    }
}
