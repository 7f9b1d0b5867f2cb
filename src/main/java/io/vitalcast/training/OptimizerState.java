package io.vitalcast.training;

import java.util.List;

import io.vitalcast.model.Parameter;

final class OptimizerState {
    private OptimizerState() {
    }

    static double[][][] zerosLike(List<Parameter> parameters) {
        double[][][] state = new double[parameters.size()][][];
        for (int p = 0; p < state.length; p++) {
            state[p] = new double[parameters.get(p).rows()][parameters.get(p).columns()];
        }
        return state;
    }
}
