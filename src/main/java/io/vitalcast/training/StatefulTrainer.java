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
 * Trains a many-to-many network the way a stream runs it: each {@link StatefulSequence} is run from the zero state
 * at its first step to its last, in chunks of {@code tbpttForward} steps; the recurrent state at the end of a chunk
 * is carried into the next one while the gradient is truncated at the chunk boundary, and the parameters are
 * updated after every chunk that has a target. So a step late in a sequence is trained with the state the whole
 * sequence before it built, not with a state started a window earlier. The first chunk of every epoch has a seeded
 * random length, so chunk boundaries move from epoch to epoch; sequences are visited in a seeded random order.
 *
 * <p>Validation runs every validation sequence statefully from its first step too, counting the loss only where it
 * has targets. Early stopping, the restore of the best epoch (the initial parameters included, as epoch -1), the
 * divergence guard, clipping and the optimizer are those of {@link Trainer}; the configuration's batch size and
 * validation fraction are not used (the caller splits the data, by time).
 *
 * <p>Deterministic: one thread, one seeded generator, a fresh optimizer per run.
 */
public final class StatefulTrainer {
    private final TrainingConfig config;
    private final Loss loss;
    private final LearningRateSchedule schedule;
    private final TrainingListener listener;

    public StatefulTrainer(TrainingConfig config, TrainingListener listener) {
        if (config.tbpttForward() < 1) {
            throw new IllegalArgumentException("stateful training needs a chunk length (tbpttForward) of at least 1");
        }
        this.config = config;
        this.loss = new MeanSquaredError();
        this.schedule = LearningRateSchedule.exponential(config.learningRateDecay());
        this.listener = listener;
    }

    /**
     * Trains {@code network} in place.
     *
     * @param validation sequences scored after every epoch for early stopping; empty for none
     * @throws NonFiniteLossException if the loss diverges; the network then holds the last good parameters
     */
    public TrainingResult train(RecurrentNetwork network, List<StatefulSequence> train,
                                List<StatefulSequence> validation) {
        if (network.architecture().outputMode() != OutputMode.EVERY_STEP) {
            throw new IllegalArgumentException("stateful training needs a many-to-many (EVERY_STEP) network");
        }
        checkShapes(network, train);
        checkShapes(network, validation);
        if (train.stream().mapToInt(StatefulSequence::scoredSteps).sum() == 0) {
            throw new IllegalArgumentException("no training step has a target");
        }
        boolean validating = validation.stream().mapToInt(StatefulSequence::scoredSteps).sum() > 0;
        Optimizer optimizer = config.optimizer().create();
        GradientClipping clipping = config.clipping();
        RandomGenerator random = new Well19937c(config.seed());
        TrainingPass pass = network.newTrainingPass();
        List<Parameter> parameters = network.parameters();
        List<double[][]> lastGood = network.parameterValues();
        EarlyStopping stopping = validating ? EarlyStopping.from(network, evaluate(network, validation), config)
            : EarlyStopping.withoutValidation(config);
        int chunk = config.tbpttForward();
        int updatesPerEpoch = 0;
        for (StatefulSequence sequence : train) {
            updatesPerEpoch += (sequence.steps() + chunk - 1) / chunk;
        }
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        long step = 0;
        long clippedTotal = 0;
        List<EpochReport> history = new ArrayList<>();
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            long started = System.nanoTime();
            double rate = schedule.rate(config.learningRate(), epoch);
            Trainer.shuffle(order, random);
            int firstChunk = 1 + random.nextInt(chunk);
            double epochLoss = 0;
            long epochScored = 0;
            int clippedInEpoch = 0;
            int updatesInEpoch = 0;
            for (int index : order) {
                StatefulSequence sequence = train.get(index);
                RecurrentState state = null;
                for (int from = 0; from < sequence.steps(); ) {
                    int to = Math.min(sequence.steps(), from + (from == 0 ? firstChunk : chunk));
                    double[][] outputs = pass.forward(Arrays.copyOfRange(sequence.inputs(), from, to), state);
                    RecurrentState carried = pass.finalState();
                    int scored = countScored(sequence.targets(), from, to);
                    if (scored > 0) {
                        pass.zeroGradients();
                        double[][] gradient = new double[to - from][outputs[0].length];
                        double chunkLoss = lossAndGradient(outputs, sequence.targets(), from, scored, gradient);
                        pass.backward(gradient, config.tbpttBackward());
                        step++;
                        updatesInEpoch++;
                        Gradients gradients = pass.gradients();
                        GradientClipping.Outcome outcome = clipping.apply(gradients);
                        if (!Double.isFinite(chunkLoss) || !Double.isFinite(outcome.normBefore())) {
                            network.setParameterValues(lastGood);
                            throw new NonFiniteLossException(epoch, step, chunkLoss, outcome.normBefore());
                        }
                        Trainer.copyInto(parameters, lastGood);
                        optimizer.step(parameters, gradients, rate);
                        if (outcome.clipped()) {
                            clippedInEpoch++;
                            clippedTotal++;
                        }
                        epochLoss += chunkLoss * scored;
                        epochScored += scored;
                        listener.onBatch(new BatchReport(epoch, step, updatesPerEpoch, chunkLoss,
                            outcome.normBefore(), outcome.clipped(), rate));
                    }
                    state = carried;
                    from = to;
                }
            }
            double trainLoss = epochScored == 0 ? Double.NaN : epochLoss / epochScored;
            double validationLoss = validating ? evaluate(network, validation) : Double.NaN;
            if (validating && !Double.isFinite(validationLoss)) {
                network.setParameterValues(lastGood);
                throw new NonFiniteLossException(epoch, step, validationLoss, Double.NaN);
            }
            boolean improved = stopping.epochEnded(epoch, validationLoss, network);
            history.add(new EpochReport(epoch, config.epochs(), trainLoss, validationLoss, improved, clippedInEpoch,
                updatesInEpoch, (System.nanoTime() - started) / 1_000_000));
            listener.onEpoch(history.get(history.size() - 1));
            if (stopping.shouldStop(epoch)) {
                break;
            }
        }
        stopping.restoreBest(network);
        return new TrainingResult(history, stopping.bestEpoch(), stopping.bestValidation(),
            stopping.stoppedEarly(), step, clippedTotal);
    }

    /**
     * Mean squared error over every target of the sequences, each run step by step from the zero state with the
     * network's inference path ({@link RecurrentNetwork#step}), as a stream would run it.
     */
    public static double evaluate(RecurrentNetwork network, List<StatefulSequence> sequences) {
        double sum = 0;
        long count = 0;
        for (StatefulSequence sequence : sequences) {
            RecurrentState state = network.newState();
            for (int t = 0; t < sequence.steps(); t++) {
                double[] y = network.step(state, sequence.inputs()[t]);
                double[] target = sequence.targets()[t];
                if (target == null) {
                    continue;
                }
                for (int k = 0; k < y.length; k++) {
                    double e = y[k] - target[k];
                    sum += e * e;
                }
                count += y.length;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * MSE over the scored steps of the chunk starting at {@code from}; writes the gradient of every step of the chunk
     * (zero where unscored) into {@code gradient}.
     */
    private double lossAndGradient(double[][] outputs, double[][] targets, int from, int scored,
                                   double[][] gradient) {
        int width = outputs[0].length;
        int to = from + gradient.length;
        double[][] scoredOutputs = new double[scored][];
        double[][] scoredTargets = new double[scored][];
        double[][] scoredGradient = new double[scored][width];
        int at = 0;
        for (int t = from; t < to; t++) {
            if (targets[t] != null) {
                scoredOutputs[at] = outputs[t - from];
                scoredTargets[at] = targets[t];
                at++;
            }
        }
        double value = loss.valueAndGradient(scoredOutputs, scoredTargets, 1.0, scoredGradient);
        at = 0;
        for (int t = from; t < to; t++) {
            if (targets[t] != null) {
                System.arraycopy(scoredGradient[at++], 0, gradient[t - from], 0, width);
            }
        }
        return value;
    }

    private static int countScored(double[][] targets, int from, int to) {
        int count = 0;
        for (int t = from; t < to; t++) {
            if (targets[t] != null) {
                count++;
            }
        }
        return count;
    }

    private static void checkShapes(RecurrentNetwork network, List<StatefulSequence> sequences) {
        int features = network.architecture().inputSize();
        int outputs = network.architecture().outputSize();
        for (int i = 0; i < sequences.size(); i++) {
            StatefulSequence sequence = sequences.get(i);
            for (int t = 0; t < sequence.steps(); t++) {
                if (sequence.inputs()[t].length != features) {
                    throw new IllegalArgumentException("sequence " + i + " step " + t + " has "
                        + sequence.inputs()[t].length + " features, the network takes " + features);
                }
                double[] target = sequence.targets()[t];
                if (target != null && target.length != outputs) {
                    throw new IllegalArgumentException("sequence " + i + " step " + t + " has " + target.length
                        + " targets, the network has " + outputs + " outputs");
                }
            }
        }
    }
}
