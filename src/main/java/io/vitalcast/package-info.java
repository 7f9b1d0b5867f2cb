/**
 * Vitalcast: a streaming forecaster for medical time series. Packages by concept: {@code model} (the recurrent
 * regressor), {@code training}, {@code modelfile}, and {@code app} (the command line).
 */
package io.vitalcast;
