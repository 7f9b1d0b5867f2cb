package io.vitalcast.series;

import java.util.function.UnaryOperator;

import io.vitalcast.forecasting.IntervalEstimator;
import io.vitalcast.forecasting.ModelInfo;
import io.vitalcast.forecasting.ModelKind;
import io.vitalcast.forecasting.WindowModel;

/**
 * A window model made of a function of its window and fixed 90% intervals, so that a test of the step function can
 * say in one line what the model forecasts.
 */
record FunctionModel(ModelInfo info, int window, int horizon, IntervalEstimator intervals,
                     UnaryOperator<double[]> function) implements WindowModel {

    static FunctionModel of(String name, String kind, int window, double[] halfWidths,
                            UnaryOperator<double[]> function) {
        return new FunctionModel(new ModelInfo(name, "test", kind), window, halfWidths.length,
            IntervalEstimator.fixed(halfWidths, 0.9), function);
    }

    @Override
    public ModelKind kind() {
        return ModelKind.LSTM;
    }

    @Override
    public double[] forecast(double[] history) {
        return function.apply(history);
    }
}
