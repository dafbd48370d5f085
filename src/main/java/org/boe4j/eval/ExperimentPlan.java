package org.boe4j.eval;

import org.boe4j.model.ModelVariant;
import org.boe4j.train.TrainerConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an experiment runs: train each variant on the source language with each seed, early-stop on the source dev
 * set, evaluate zero-shot on every target language's test set.
 *
 * @param frozenEncoder true: the encoder is frozen and h is computed once per document, only the BoE head learns
 *                      (the demo's fast mode); false: the encoder is fine-tuned with the head (the paper)
 * @param kbFile        the KB file to use: the default file holds the default KB (built on first use), another missing file is built from ICU4J
 * @param data          the datasets, the task (doc or typing) and the bad-row policy
 * @param maxLength     word pieces per document, [CLS] and [SEP] included
 * @param saveModels    which (variant, seed) runs also leave a trained-model directory under {@code models/}
 * @param boe           the bag-of-entities choices (entity vectors, gate, commonness, entity dropout, entity rate)
 * @param cacheDir      where document vectors and entity-name vectors are cached (shared by runs: each file is
 *                      named by a hash of what it was computed from)
 */
public record ExperimentPlan(String name, Path runDir, Path weightsDir, Path kbFile, ExperimentData data,
                             String source, List<String> targets, List<ModelVariant> variants, List<Long> seeds,
                             boolean frozenEncoder, int maxLength, int maxEntitiesPerDocument,
                             TrainerConfig trainer, SaveModels saveModels, BoeSetup boe, Path cacheDir) {

    /**
     * The paper's bag-of-entities setting (entity vectors from {@code entityVectors}, or the encoded names when
     * null), caches in the run's own directory ({@code runDir/cache}).
     */
    public ExperimentPlan(String name, Path runDir, Path weightsDir, Path kbFile, ExperimentData data,
                          String source, List<String> targets, List<ModelVariant> variants, List<Long> seeds,
                          boolean frozenEncoder, int maxLength, int maxEntitiesPerDocument,
                          TrainerConfig trainer, SaveModels saveModels, Path entityVectors) {
        this(name, runDir, weightsDir, kbFile, data, source, targets, variants, seeds, frozenEncoder, maxLength,
                maxEntitiesPerDocument, trainer, saveModels, BoeSetup.Preset.PAPER.setup(entityVectors),
                runDir.resolve("cache"));
    }

    public ExperimentPlan {
        targets = List.copyOf(targets);
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
        if (variants.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one variant and one seed");
        }
        if (frozenEncoder && trainer.freezeWordEmbeddings()) {
            throw new IllegalArgumentException("freezing the word embeddings applies to fine-tuning: with a frozen"
                    + " encoder every encoder weight is fixed already");
        }
    }

    /** The evaluation languages: the source first (its test set, "en is dev" in the paper's tables), then targets. */
    public List<String> languages() {
        ArrayList<String> all = new ArrayList<>();
        all.add(source);
        targets.stream().filter(t -> !t.equals(source)).forEach(all::add);
        return all;
    }

    public String describe() {
        return String.format(Locale.ROOT, """
                experiment %s -> %s
                  task: %s
                  data: %s
                  train/dev in %s, zero-shot test in %s
                  variants: %s; seeds: %s
                  encoder: %s; max length %d word pieces; at most %d entities per document
                  entity vectors (boe, boe-att): %s
                  bag of entities: %s
                  training: up to %d epochs, batch %d x %d, lr %.1e, patience %d, warm-up %.0f%%
                  trained models kept: %s""",
                name, runDir, data.task().describe(), data.describe(), source, languages(),
                variants.stream().map(ModelVariant::cliName).toList(), seeds,
                frozenEncoder ? "frozen (h computed once; only the BoE head trains)"
                        : trainer.freezeWordEmbeddings() ? "fine-tuned with the head, word embeddings frozen"
                        : "fine-tuned with the head",
                maxLength, maxEntitiesPerDocument,
                boe.init().describe(), boe.describe(),
                trainer.epochs(), trainer.microBatchSize(),
                trainer.accumulationSteps(), trainer.optimizer().learningRate(), trainer.patience(),
                100 * trainer.warmupFraction(), switch (saveModels) {
                    case NONE -> "none";
                    case FIRST_SEED -> "seed " + seeds.get(0) + " of each variant, in " + runDir.resolve("models");
                    case ALL -> "every run, in " + runDir.resolve("models");
                });
    }
}
