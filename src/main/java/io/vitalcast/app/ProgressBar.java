package io.vitalcast.app;

import java.io.PrintWriter;
import java.util.Locale;

import io.vitalcast.training.BatchReport;
import io.vitalcast.training.EpochReport;
import io.vitalcast.training.TrainingListener;

/**
 * A text progress bar for training, drawn on the error stream from the trainer's listener: the current epoch's
 * progress, its running loss and gradient norm, then one line per finished epoch with train and validation loss.
 */
final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final String label;
    private double runningLoss = Double.NaN;
    private long lastDrawNanos;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void onBatch(BatchReport report) {
        runningLoss = Double.isNaN(runningLoss) ? report.loss() : 0.95 * runningLoss + 0.05 * report.loss();
        long now = System.nanoTime();
        int inEpoch = (int) ((report.step() - 1) % report.batchesPerEpoch()) + 1;
        if (now - lastDrawNanos < 100_000_000L && inEpoch != report.batchesPerEpoch()) {
            return;
        }
        lastDrawNanos = now;
        int filled = WIDTH * inEpoch / report.batchesPerEpoch();
        err.printf(Locale.ROOT, "\r%s epoch %d [%s%s] %d/%d loss %.5f |g| %.3g", label, report.epoch() + 1,
            "=".repeat(filled), " ".repeat(WIDTH - filled), inEpoch, report.batchesPerEpoch(), runningLoss,
            report.gradientNorm());
        err.flush();
    }

    @Override
    public void onEpoch(EpochReport report) {
        err.printf(Locale.ROOT, "\r%s epoch %d/%d train loss %.5f  validation loss %s  clipped %d/%d  %.1fs%s%n",
            label, report.epoch() + 1, report.epochs(), report.trainLoss(),
            Double.isNaN(report.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.5f", report.validationLoss()),
            report.clippedSteps(), report.steps(), report.millis() / 1000.0,
            report.improved() ? " *" : "   " + " ".repeat(20));
        err.flush();
    }
}
