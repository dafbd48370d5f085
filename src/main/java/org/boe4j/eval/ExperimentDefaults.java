package org.boe4j.eval;

import org.boe4j.train.AdamWConfig;
import org.boe4j.train.LearningRateSchedule;
import org.boe4j.train.TrainerConfig;

import java.util.List;
import java.util.Locale;

/**
 * The hyper-parameter policy of {@code boe4j experiment} and {@code boe4j demo}, in one place: both commands read
 * these values, and the demo's banner is written from them. Fine-tuning follows the paper (AdamW, lr 2e-5, batch 32,
 * early stopping on the source language's dev set); the frozen-encoder mode trains only the head on cached [CLS]
 * states, which takes a larger learning rate and more epochs (chosen on English dev, docs/results.md).
 */
public final class ExperimentDefaults {

    public static final int FINE_TUNING_EPOCHS = 10;
    public static final int FROZEN_EPOCHS = 40;
    /** As text, so that option descriptions can show it; {@link #learningRate} parses it. */
    public static final String FINE_TUNING_LR = "2e-5";
    public static final String FROZEN_LR = "1e-3";
    /** Early-stopping patience, in dev evaluations. */
    public static final int FINE_TUNING_PATIENCE = 3;
    public static final int FROZEN_PATIENCE = 5;
    /** Examples per optimizer step. */
    public static final int BATCH = 32;
    /**
     * The demo's fine-tuning ({@code --full}) takes its batch of 32 as 4 accumulated micro-batches of 8: one 8 x 128
     * fine-tuning step already needs several GB (docs/benchmarks.md), a micro-batch of 32 would not fit a 24 GB machine.
     */
    public static final int FULL_DEMO_MICRO_BATCH = 8;
    public static final int SEEDS = 10;
    public static final int DEMO_SEEDS = 3;
    public static final int MAX_LENGTH = 128;
    public static final int MAX_ENTITIES = 64;
    public static final List<String> VARIANTS = List.of("baseline", "boe", "boe-emb", "boe-att");
    /** The bag-of-entities starting point of {@code experiment} (the paper's) and of the demo (chosen on English dev). */
    public static final BoeSetup.Preset EXPERIMENT_PRESET = BoeSetup.Preset.PAPER;
    public static final BoeSetup.Preset DEMO_PRESET = BoeSetup.Preset.DEMO;

    private ExperimentDefaults() {
    }

    public static int epochs(boolean frozenEncoder) {
        return frozenEncoder ? FROZEN_EPOCHS : FINE_TUNING_EPOCHS;
    }

    public static double learningRate(boolean frozenEncoder) {
        return Double.parseDouble(frozenEncoder ? FROZEN_LR : FINE_TUNING_LR);
    }

    public static int patience(boolean frozenEncoder) {
        return frozenEncoder ? FROZEN_PATIENCE : FINE_TUNING_PATIENCE;
    }

    /** The linear warm-up share of the training steps ({@link LearningRateSchedule}). */
    public static double warmupFraction() {
        return LearningRateSchedule.DEFAULT_WARMUP_FRACTION;
    }

    /** The trainer settings of the mode, each overridden where the caller gives a value (null: the default). */
    public static TrainerConfig trainer(boolean frozenEncoder, Integer epochs, Double learningRate, Integer patience,
                                        int microBatch, int accumulation) {
        return TrainerConfig.defaults()
                .withEpochs(epochs != null ? epochs : epochs(frozenEncoder))
                .withBatching(microBatch, accumulation)
                .withPatience(patience != null ? patience : patience(frozenEncoder))
                .withOptimizer(AdamWConfig.defaults().withLearningRate(learningRate != null ? learningRate
                        : learningRate(frozenEncoder)));
    }

    /** The training settings in words, e.g. for the demo's banner. */
    public static String describe(TrainerConfig t) {
        int batch = t.microBatchSize() * t.accumulationSteps();
        return String.format(Locale.ROOT, "AdamW lr %s, batch %d%s, up to %d epochs with %.0f%% linear warm-up, early"
                        + " stopping on dev (patience %d)", shortNumber(t.optimizer().learningRate()), batch,
                t.accumulationSteps() > 1 ? " as " + t.accumulationSteps() + " accumulated micro-batches of "
                        + t.microBatchSize() : "", t.epochs(), 100 * t.warmupFraction(), t.patience());
    }

    private static String shortNumber(double x) {
        return Double.toString(x).replace(".0E", "e").replace("E", "e"); // 2e-5, 0.001
    }
}
