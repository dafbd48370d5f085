package org.boe4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settings of a training run. Defaults: at most 10 epochs (early stopping usually ends the run sooner), micro-batch
 * 32 (the method's batch size for document classification), no gradient accumulation, evaluation and checkpoint at
 * every epoch end, keep the last 2 checkpoints, patience 3 evaluations on a metric to maximise, warm-up over 10% of
 * the steps, no length bucketing, seed 42, {@link AdamWConfig#defaults()} (lr 2e-5), every parameter trained.
 *
 * @param accumulationSteps    micro-batches summed into one optimizer step (effective batch = micro x this)
 * @param evalEverySteps       also evaluate every this many optimizer steps (0: only at epoch ends)
 * @param checkpointEverySteps also checkpoint every this many optimizer steps (0: only at epoch ends)
 * @param freezeWordEmbeddings keep {@value #WORD_EMBEDDINGS} fixed: no gradient, no AdamW moments (92M of M-BERT's
 *                             178M parameters, so half the optimizer state); off by default, as in the paper
 * @param learningRateScales   parameter name -> factor on the learning rate of that tensor (and on its weight
 *                             decay, which AdamW scales by the rate); 0 freezes it like the word embeddings. Empty
 *                             by default: every tensor at the one rate, as in the paper
 */
public record TrainerConfig(int epochs, int microBatchSize, int accumulationSteps, int evalEverySteps,
                            int checkpointEverySteps, int keepCheckpoints, int patience, double minDelta,
                            EarlyStopping.Mode mode, double warmupFraction, boolean lengthBucketing, long seed,
                            AdamWConfig optimizer, boolean freezeWordEmbeddings, Map<String, Double> learningRateScales) {

    /** Settings without per-tensor learning-rate factors. */
    public TrainerConfig(int epochs, int microBatchSize, int accumulationSteps, int evalEverySteps,
                         int checkpointEverySteps, int keepCheckpoints, int patience, double minDelta,
                         EarlyStopping.Mode mode, double warmupFraction, boolean lengthBucketing, long seed,
                         AdamWConfig optimizer, boolean freezeWordEmbeddings) {
        this(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps, keepCheckpoints, patience,
                minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer, freezeWordEmbeddings, Map.of());
    }

    /** The word-piece embedding matrix of a BERT encoder (Hugging Face name), [vocab, hidden]. */
    public static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    public TrainerConfig {
        positive(epochs, "epochs");
        positive(microBatchSize, "microBatchSize");
        positive(accumulationSteps, "accumulationSteps");
        positive(keepCheckpoints, "keepCheckpoints");
        positive(patience, "patience");
        if (evalEverySteps < 0 || checkpointEverySteps < 0) {
            throw new IllegalArgumentException("evalEverySteps and checkpointEverySteps must be >= 0, found "
                    + evalEverySteps + " and " + checkpointEverySteps);
        }
        learningRateScales = Collections.unmodifiableMap(new TreeMap<>(learningRateScales));
        for (Map.Entry<String, Double> e : learningRateScales.entrySet()) {
            if (!(e.getValue() >= 0 && Double.isFinite(e.getValue()))) {
                throw new IllegalArgumentException("the learning-rate factor of " + e.getKey()
                        + " must be >= 0 and finite, found " + e.getValue());
            }
        }
        if (!(warmupFraction >= 0 && warmupFraction <= 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1], found " + warmupFraction);
        }
    }

    public static TrainerConfig defaults() {
        return new TrainerConfig(10, 32, 1, 0, 0, 2, 3, 0.0, EarlyStopping.Mode.MAX,
                LearningRateSchedule.DEFAULT_WARMUP_FRACTION, false, 42, AdamWConfig.defaults(), false);
    }

    public TrainerConfig withEpochs(int n) {
        return new TrainerConfig(n, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withBatching(int microBatch, int accumulation) {
        return new TrainerConfig(epochs, microBatch, accumulation, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withEvalAndCheckpointEvery(int evalSteps, int checkpointSteps) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalSteps, checkpointSteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withPatience(int p) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, p, minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withLengthBucketing(boolean on) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, on, seed, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withSeed(long s) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, s, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withWarmupFraction(double f) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, f, lengthBucketing, seed, optimizer,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withOptimizer(AdamWConfig o) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, seed, o,
                freezeWordEmbeddings, learningRateScales);
    }

    public TrainerConfig withFrozenWordEmbeddings(boolean frozen) {
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer, frozen, learningRateScales);
    }

    /** The same settings with this tensor's learning rate multiplied by {@code factor} (0: frozen). */
    public TrainerConfig withLearningRateScale(String parameter, double factor) {
        Map<String, Double> m = new TreeMap<>(learningRateScales);
        m.put(parameter, factor);
        return new TrainerConfig(epochs, microBatchSize, accumulationSteps, evalEverySteps, checkpointEverySteps,
                keepCheckpoints, patience, minDelta, mode, warmupFraction, lengthBucketing, seed, optimizer,
                freezeWordEmbeddings, m);
    }

    /** The factor on this tensor's learning rate (1 unless set). */
    public double learningRateScale(String parameter) {
        return learningRateScales.getOrDefault(parameter, 1.0);
    }

    /** Names of the parameters the trainer leaves fixed (no gradient, no optimizer state). */
    public Set<String> frozenParameters() {
        Set<String> frozen = new TreeSet<>();
        if (freezeWordEmbeddings) {
            frozen.add(WORD_EMBEDDINGS);
        }
        learningRateScales.forEach((name, f) -> {
            if (f == 0) {
                frozen.add(name);
            }
        });
        return frozen;
    }

    /**
     * Every setting that changes the trajectory, as text, for provenance and for refusing a resume under
     * different settings ({@code keepCheckpoints} is excluded: it does not change the result).
     */
    /** Optimizer steps of one epoch over {@code examples} training examples (the last micro-batch may be short). */
    public long stepsPerEpoch(int examples) {
        long microPerEpoch = (examples + microBatchSize - 1) / microBatchSize;
        return (microPerEpoch + accumulationSteps - 1) / accumulationSteps;
    }

    /** Optimizer steps of a whole run over {@code examples} training examples, if it does not stop early. */
    public long totalSteps(int examples) {
        return stepsPerEpoch(examples) * epochs;
    }

    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(epochs));
        m.put("microBatchSize", Integer.toString(microBatchSize));
        m.put("accumulationSteps", Integer.toString(accumulationSteps));
        m.put("evalEverySteps", Integer.toString(evalEverySteps));
        m.put("checkpointEverySteps", Integer.toString(checkpointEverySteps));
        m.put("patience", Integer.toString(patience));
        m.put("minDelta", Double.toString(minDelta));
        m.put("mode", mode.name());
        m.put("warmupFraction", Double.toString(warmupFraction));
        m.put("lengthBucketing", Boolean.toString(lengthBucketing));
        m.put("seed", Long.toString(seed));
        m.put("learningRate", Double.toString(optimizer.learningRate()));
        m.put("beta1", Double.toString(optimizer.beta1()));
        m.put("beta2", Double.toString(optimizer.beta2()));
        m.put("epsilon", Double.toString(optimizer.epsilon()));
        m.put("weightDecay", Double.toString(optimizer.weightDecay()));
        m.put("maxGradNorm", Double.toString(optimizer.maxGradNorm()));
        if (freezeWordEmbeddings) {
            // only when set: absent means false, so runs checkpointed before the option existed still resume
            m.put("freezeWordEmbeddings", "true");
        }
        // likewise only when set
        learningRateScales.forEach((name, f) -> m.put("learningRateScale " + name, Double.toString(f)));
        return m;
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, found " + v);
        }
    }
}
