package io.vitalcast.series;

import io.vitalcast.forecasting.OnlineAdaptation;
import io.vitalcast.forecasting.OnlineCalibration;

/**
 * How each series learns its patient online, on top of the population model: the calibration of the model's
 * intervals ({@link OnlineCalibration}) and the guarded adaptation of its forecast ({@link OnlineAdaptation}).
 *
 * @param calibrationRate rate of the interval calibration, in [0, 1]; 0 keeps the model's own intervals
 * @param adaptForecasts  whether the forecast is adapted (guarded: only where it beats the model's own)
 */
public record OnlineLearning(double calibrationRate, boolean adaptForecasts) {
    /** Both on, the calibration at {@link OnlineCalibration#RATE}. */
    public static final OnlineLearning DEFAULT = new OnlineLearning(OnlineCalibration.RATE, true);
    /** The population model as it is: its own forecasts and intervals. */
    public static final OnlineLearning OFF = new OnlineLearning(0, false);

    public OnlineLearning {
        if (!(calibrationRate >= 0 && calibrationRate <= 1)) {
            throw new IllegalArgumentException("the calibration rate must be in [0, 1], got " + calibrationRate);
        }
    }
}
