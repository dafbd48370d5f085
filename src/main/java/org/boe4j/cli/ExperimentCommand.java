package org.boe4j.cli;

import org.boe4j.eval.Experiment;
import org.boe4j.eval.ExperimentPlan;
import org.boe4j.eval.ExperimentResults;
import org.boe4j.eval.ResultsTable;
import org.boe4j.eval.SaveModels;
import org.boe4j.model.ModelVariant;
import org.boe4j.train.AdamWConfig;
import org.boe4j.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/** {@code boe4j experiment}: train on the source language, evaluate zero-shot on the targets, write the report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Zero-shot cross-lingual document classification on SIB-200: each variant x seed trained on the"
                + " source language, early-stopped on its dev set, evaluated on every target's test set; writes"
                + " runs/<name>/ (table.md/.csv, results.json, charts/*.png, logs). Resumes after a kill.")
final class ExperimentCommand implements Callable<Integer> {

    @Option(names = "--name", description = "run name: the report goes to runs/<name>/ (default: ${DEFAULT-VALUE})")
    String name = "sib200";

    @Option(names = "--task", description = "doc (document classification; typing needs SHINRA data: not embedded)")
    String task = "doc";

    @Option(names = "--data", paramLabel = "DIR",
            description = "a SIB-200 data directory with <lang>/{train,dev,test}.tsv (default: the embedded copy)")
    Path sib200Dir;

    @Option(names = "--source", description = "training language (default: ${DEFAULT-VALUE})")
    String source = "en";

    @Option(names = "--targets", split = ",", description = "zero-shot languages (default: fr,de,ja,zh,it,ru,es)")
    List<String> targets = List.of("fr", "de", "ja", "zh", "it", "ru", "es");

    @Option(names = "--variants", split = ",", description = "baseline,boe,boe-emb,boe-att (default: all)")
    List<String> variants = List.of("baseline", "boe", "boe-emb", "boe-att");

    @Option(names = "--seeds", description = "number of seeds (1, 2, ...; default: ${DEFAULT-VALUE})")
    int seeds = 10;

    @Option(names = "--frozen-encoder", description = "train only the BoE head on frozen encoder outputs (fast)")
    boolean frozen;

    @Option(names = "--freeze-word-embeddings", description = "fine-tuning: keep the word-piece embedding matrix"
            + " fixed (92M of M-BERT's 178M parameters: no gradient, no AdamW moments; off by default, as in the paper)")
    boolean freezeWordEmbeddings;

    @Option(names = "--epochs", description = "maximum epochs (default: 10, or 40 with --frozen-encoder)")
    Integer epochs;

    @Option(names = "--batch", description = "micro-batch size (default: ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--accumulation", description = "micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    int accumulation = 1;

    @Option(names = "--lr", description = "learning rate (default: 2e-5, or 1e-3 with --frozen-encoder)")
    Double lr;

    @Option(names = "--patience", description = "early-stopping patience in evaluations (default: 3, or 5 frozen)")
    Integer patience;

    @Option(names = "--max-entities", description = "entities kept per document (default: ${DEFAULT-VALUE})")
    int maxEntities = 64;

    @Option(names = "--save-models", paramLabel = "WHICH", description = "keep trained models for predict/explain:"
            + " none, first-seed (one per variant; default) or all, in runs/<name>/models/<variant>/seed-<s>/ (a"
            + " fine-tuned model copies the 714 MB encoder; a frozen-encoder model is a few MB and references it)")
    String saveModels = SaveModels.FIRST_SEED.cliName();

    @Option(names = "--kb", paramLabel = "FILE", description = "KB file, built from ICU4J if missing (default: ${DEFAULT-VALUE})")
    Path kb = Path.of("kb", "icu-default.boe4jkb");

    @Mixin
    WeightsOption weights = new WeightsOption();

    ExperimentCommand() {
        weights.maxLength = 128;
    }

    @Override
    public Integer call() throws Exception {
        if (!task.equals("doc")) {
            throw new IllegalArgumentException("--task " + task + ": entity typing needs the SHINRA2020-ML data,"
                    + " which is not embedded (see docs/data.md); only --task doc runs here");
        }
        weights.ensureConverted(System.out);
        ExperimentPlan plan = plan();
        ExperimentResults results = new Experiment(plan, System.out).run();
        System.out.println();
        System.out.println(ResultsTable.of(results).toMarkdown());
        System.out.println("report: " + plan.runDir().resolve("table.md") + ", charts: " + plan.runDir().resolve("charts"));
        if (plan.saveModels() != SaveModels.NONE) {
            System.out.println("models: " + plan.runDir().resolve("models") + " (try: boe4j explain --model "
                    + plan.runDir().resolve("models").resolve(plan.variants().contains(ModelVariant.BOE) ? "boe"
                    : plan.variants().get(0).cliName()).resolve("seed-" + plan.seeds().get(0))
                    + " --lang fr \"...\")");
        }
        return 0;
    }

    ExperimentPlan plan() {
        TrainerConfig config = TrainerConfig.defaults()
                .withEpochs(epochs != null ? epochs : frozen ? 40 : 10)
                .withBatching(batch, accumulation)
                .withPatience(patience != null ? patience : frozen ? 5 : 3)
                .withOptimizer(AdamWConfig.defaults().withLearningRate(lr != null ? lr : frozen ? 1e-3 : 2e-5))
                .withFrozenWordEmbeddings(freezeWordEmbeddings);
        List<ModelVariant> vs = variants.stream().map(ModelVariant::fromCliName).toList();
        List<Long> seedList = Arrays.stream(LongStream.rangeClosed(1, seeds).toArray()).boxed().toList();
        return new ExperimentPlan(name, Path.of("runs", name), weights.dir, kb, sib200Dir, source, targets, vs,
                seedList, frozen, weights.maxLength, maxEntities, config, SaveModels.fromCliName(saveModels));
    }
}
