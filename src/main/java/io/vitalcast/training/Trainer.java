package io.vitalcast.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.vitalcast.model.Gradients;
import io.vitalcast.model.OutputMode;
import io.vitalcast.model.Parameter;
import io.vitalcast.model.RecurrentNetwork;
import io.vitalcast.model.RecurrentState;
import io.vitalcast.model.TrainingPass;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Trains a {@link RecurrentNetwork} in place by mini-batch gradient descent: seeded shuffling, backpropagation
 * through time (full or truncated), gradient clipping, an optimizer and learning-rate schedule, a validation part
 * with early stopping, and a guard against divergence.
 *
 * <p>The validation part is the last {@code validationFraction} of the examples in the given order (for time
 * series, the latest windows), never shuffled into training. With validation, the network ends with the
 * parameters of the best validation epoch, where the initial parameters count as a candidate (epoch -1): training
 * never returns a network worse on validation than the one it was given.
 *
 * <p>Deterministic: one thread, one seeded generator, a fresh optimizer per run.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final Loss loss;
    private final LearningRateSchedule schedule;
    private final TrainingListener listener;

    public Trainer(TrainingConfig config) {
        this(config, new MeanSquaredError(), LearningRateSchedule.exponential(config.learningRateDecay()),
            TrainingListener.none());
    }

    private Trainer(TrainingConfig config, Loss loss, LearningRateSchedule schedule, TrainingListener listener) {
        this.config = config;
        this.loss = loss;
        this.schedule = schedule;
        this.listener = listener;
    }

    /** The same trainer reporting to {@code value}. */
    public Trainer withListener(TrainingListener value) {
        return new Trainer(config, loss, schedule, value);
    }

    /** The same trainer with another learning-rate schedule (replacing the configured decay). */
    public Trainer withSchedule(LearningRateSchedule value) {
        return new Trainer(config, loss, value, listener);
    }

    /** The same trainer with another loss. */
    public Trainer withLoss(Loss value) {
        return new Trainer(config, value, schedule, listener);
    }

    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains {@code network} on {@code data}.
     *
     * @throws NonFiniteLossException if the loss diverges; the network then holds the last good parameters
     */
    public TrainingResult train(RecurrentNetwork network, SequenceDataset data) {
        int validationSize = (int) Math.round(data.size() * config.validationFraction());
        if (config.validationFraction() > 0 && validationSize == 0 && data.size() > 1) {
            validationSize = 1;
        }
        int trainSize = data.size() - validationSize;
        if (trainSize < 1) {
            throw new IllegalArgumentException("no training examples left after the validation split of "
                + data.size() + " examples");
        }
        SequenceDataset train = data.slice(0, trainSize);
        SequenceDataset validation = validationSize > 0 ? data.slice(trainSize, data.size()) : null;
        checkShapes(network, data);

        Optimizer optimizer = config.optimizer().create();
        GradientClipping clipping = config.clipping();
        RandomGenerator random = new Well19937c(config.seed());
        TrainingPass pass = network.newTrainingPass();
        List<Parameter> parameters = network.parameters();
        List<double[][]> lastGood = network.parameterValues();
        EarlyStopping stopping = validation != null ? EarlyStopping.from(network, evaluate(pass, validation), config)
            : EarlyStopping.withoutValidation(config);
        long step = 0;
        long clippedTotal = 0;
        int[] order = new int[trainSize];
        for (int i = 0; i < trainSize; i++) {
            order[i] = i;
        }
        int batchesPerEpoch = (trainSize + config.batchSize() - 1) / config.batchSize();
        List<EpochReport> history = new ArrayList<>();
        double[][] gradientRows = new double[0][];
        MiniBatch batch = new MiniBatch(loss, config.tbpttBackward());

        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long started = System.nanoTime();
            double rate = schedule.rate(config.learningRate(), epoch);
            shuffle(order, random);
            double epochLoss = 0;
            int clippedInEpoch = 0;
            for (int from = 0; from < trainSize; from += config.batchSize()) {
                int to = Math.min(trainSize, from + config.batchSize());
                pass.zeroGradients();
                double batchLoss;
                if (batchable(train, order, from, to)) {
                    batchLoss = batch.lossAndGradients(pass, train, order, from, to);
                } else {
                    batchLoss = 0;
                    double weight = 1.0 / (to - from);
                    for (int b = from; b < to; b++) {
                        int example = order[b];
                        gradientRows = ensureRows(gradientRows, train.targets()[example]);
                        batchLoss += exampleLossAndGradient(network, pass, train.inputs()[example],
                            train.targets()[example], weight, gradientRows);
                    }
                }
                step++;
                Gradients gradients = pass.gradients();
                GradientClipping.Outcome outcome = clipping.apply(gradients);
                if (!Double.isFinite(batchLoss) || !Double.isFinite(outcome.normBefore())) {
                    network.setParameterValues(lastGood);
                    throw new NonFiniteLossException(epoch, step, batchLoss, outcome.normBefore());
                }
                copyInto(parameters, lastGood);
                optimizer.step(parameters, gradients, rate);
                if (outcome.clipped()) {
                    clippedInEpoch++;
                    clippedTotal++;
                }
                epochLoss += batchLoss * (to - from);
                listener.onBatch(new BatchReport(epoch, step, batchesPerEpoch, batchLoss, outcome.normBefore(),
                    outcome.clipped(), rate));
            }
            double trainLoss = epochLoss / trainSize;
            double validationLoss = validation == null ? Double.NaN : evaluate(pass, validation);
            if (validation != null && !Double.isFinite(validationLoss)) {
                network.setParameterValues(lastGood);
                throw new NonFiniteLossException(epoch, step, validationLoss, Double.NaN);
            }
            boolean improved = stopping.epochEnded(epoch, validationLoss, network);
            history.add(new EpochReport(epoch, config.epochs(), trainLoss, validationLoss, improved, clippedInEpoch,
                batchesPerEpoch, (System.nanoTime() - started) / 1_000_000));
            listener.onEpoch(history.get(history.size() - 1));
            if (stopping.shouldStop(epoch)) {
                break;
            }
        }
        stopping.restoreBest(network);
        return new TrainingResult(history, stopping.bestEpoch(), stopping.bestValidation(),
            stopping.stoppedEarly(), step, clippedTotal);
    }

    /** Mean loss of the network over a dataset, without touching gradients used for training. */
    public double evaluate(RecurrentNetwork network, SequenceDataset data) {
        return evaluate(network.newTrainingPass(), data);
    }

    private double evaluate(TrainingPass pass, SequenceDataset data) {
        double total = 0;
        double[][] scratch = new double[0][];
        for (int i = 0; i < data.size(); i++) {
            double[][] outputs = pass.forward(data.inputs()[i]);
            scratch = ensureRows(scratch, data.targets()[i]);
            total += loss.valueAndGradient(outputs, data.targets()[i], 1.0 / data.size(), scratch);
        }
        return total;
    }

    /**
     * Whether the examples {@code order[from..to)} can run together through {@link TrainingPass#forwardBatch}: the
     * same length and no forward truncation (which carries a state per example).
     */
    private boolean batchable(SequenceDataset data, int[] order, int from, int to) {
        int steps = data.inputs()[order[from]].length;
        int segment = config.tbpttForward();
        if (segment != 0 && segment < steps) {
            return false;
        }
        for (int b = from + 1; b < to; b++) {
            if (data.inputs()[order[b]].length != steps) {
                return false;
            }
        }
        return true;
    }

    private double exampleLossAndGradient(RecurrentNetwork network, TrainingPass pass, double[][] input,
                                          double[][] target, double weight, double[][] gradient) {
        int steps = input.length;
        int segment = config.tbpttForward();
        if (segment == 0 || segment >= steps) {
            double[][] outputs = pass.forward(input);
            double value = loss.valueAndGradient(outputs, target, weight, gradient);
            pass.backward(rows(gradient, outputs.length), config.tbpttBackward());
            return value;
        }
        if (network.architecture().outputMode() == OutputMode.LAST_STEP) {
            RecurrentState state = network.newState();
            int start = steps - segment;
            for (int t = 0; t < start; t++) {
                network.step(state, input[t]);
            }
            double[][] outputs = pass.forward(Arrays.copyOfRange(input, start, steps), state);
            double value = loss.valueAndGradient(outputs, target, weight, gradient);
            pass.backward(rows(gradient, outputs.length), config.tbpttBackward());
            return value;
        }
        double value = 0;
        RecurrentState state = null;
        for (int start = 0; start < steps; start += segment) {
            int end = Math.min(steps, start + segment);
            double[][] outputs = pass.forward(Arrays.copyOfRange(input, start, end), state);
            double[][] segmentTarget = Arrays.copyOfRange(target, start, end);
            value += loss.valueAndGradient(outputs, segmentTarget, weight * (end - start) / steps, gradient);
            pass.backward(rows(gradient, end - start), config.tbpttBackward());
            state = pass.finalState();
        }
        return value;
    }

    private void checkShapes(RecurrentNetwork network, SequenceDataset data) {
        int features = network.architecture().inputSize();
        int outputs = network.architecture().outputSize();
        boolean everyStep = network.architecture().outputMode() == OutputMode.EVERY_STEP;
        for (int i = 0; i < data.size(); i++) {
            double[][] x = data.inputs()[i];
            double[][] y = data.targets()[i];
            if (x.length == 0 || x[0].length != features) {
                throw new IllegalArgumentException("example " + i + " must have steps of " + features
                    + " features");
            }
            int rows = everyStep ? x.length : 1;
            if (y.length != rows || y[0].length != outputs) {
                throw new IllegalArgumentException("example " + i + " must have " + rows + " target rows of "
                    + outputs + " outputs, has " + y.length + " rows of " + (y.length == 0 ? 0 : y[0].length));
            }
        }
    }

    private static double[][] ensureRows(double[][] rows, double[][] like) {
        if (rows.length >= like.length && (rows.length == 0 || rows[0].length == like[0].length)) {
            return rows;
        }
        double[][] grown = new double[Math.max(like.length, rows.length)][like[0].length];
        return grown;
    }

    private static double[][] rows(double[][] gradient, int count) {
        return gradient.length == count ? gradient : Arrays.copyOf(gradient, count);
    }

    /** Copies the parameters' values into same-shaped arrays (the last good values the divergence guard restores). */
    static void copyInto(List<Parameter> parameters, List<double[][]> target) {
        for (int p = 0; p < parameters.size(); p++) {
            double[][] from = parameters.get(p).values();
            double[][] to = target.get(p);
            for (int r = 0; r < from.length; r++) {
                System.arraycopy(from[r], 0, to[r], 0, from[r].length);
            }
        }
    }

    /** Fisher-Yates from the end: the order every seeded training run depends on, so both trainers share it. */
    static void shuffle(int[] order, RandomGenerator random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
