package org.boe4j.cli;

import org.boe4j.data.BadRowPolicy;
import org.boe4j.data.DatasetFormat;
import org.boe4j.data.DatasetFormats;
import org.boe4j.data.DatasetSpec;
import org.boe4j.eval.BoeSetup;
import org.boe4j.eval.Experiment;
import org.boe4j.eval.ExperimentData;
import org.boe4j.eval.ExperimentDefaults;
import org.boe4j.eval.ExperimentPlan;
import org.boe4j.eval.ExperimentResults;
import org.boe4j.eval.ExperimentTask;
import org.boe4j.eval.ResultsTable;
import org.boe4j.eval.SaveModels;
import org.boe4j.io.Boe4jHome;
import org.boe4j.model.BoeOptions;
import org.boe4j.model.EntityInit;
import org.boe4j.model.EntityNorm;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.TaskType;
import org.boe4j.train.TrainerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

/** {@code boe4j experiment}: train on the source language, evaluate zero-shot on the targets, write the report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Zero-shot cross-lingual document classification (SIB-200, MLDoc, CSV/TSV/JSONL) or entity"
                + " typing (SHINRA2020-ML, JSONL): each variant x seed trained on the source language, early-stopped"
                + " on its dev set, evaluated on every target's test set; writes runs/<name>/ (table.md/.csv,"
                + " results.json, charts/*.png, predictions, logs). Resumes after a kill; reuses earlier runs only when"
                + " their data and settings are unchanged (see --restart).")
final class ExperimentCommand implements Callable<Integer> {

    @Option(names = "--name", description = "run name: the report goes to runs/<name>/ (default: ${DEFAULT-VALUE})")
    String name = "sib200";

    @Option(names = "--runs", paramLabel = "DIR", description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path runs = Boe4jHome.current().runs();

    @Option(names = "--cache", paramLabel = "DIR", description = "cache of document vectors (frozen encoder) and"
            + " entity-name vectors, shared by runs (default: <runs>/cache)")
    Path cache;

    @Option(names = "--task", description = "doc (single-label, accuracy + macro-F1) or typing (multi-label,"
            + " sigmoid + BCE, micro-F1) (default: typing for multiconer:, otherwise doc)")
    String task;

    @Option(names = "--data", paramLabel = "DATA", description = "the data (default: the embedded SIB-200): a SIB-200"
            + " directory with <flores>/{train,dev,test}.tsv; mldoc:<dir> (files english.train.1000, french.test,"
            + " ...); multiconer:<dir> (MultiCoNER II en-train*.conll, en-dev.conll, <lang>-dev.conll as entity"
            + " typing); shinra:<annotations with {lang}> plus --dump; or a dataset template with {lang} and {split},"
            + " e.g. tsv:/d/{lang}.{split}.tsv?text=review&label=stars (grammar: docs/data.md)")
    String data;

    @Option(names = "--dump", paramLabel = "TEMPLATE", description = "SHINRA: the Wikipedia dump of each language,"
            + " e.g. /dumps/{lang}wiki-pages-articles.xml.bz2")
    String dump;

    @Option(names = "--train-split", description = "source training split (default: train; mldoc: train.1000)")
    String trainSplit;

    @Option(names = "--dev-split", description = "source dev split (default: ${DEFAULT-VALUE})")
    String devSplit = "dev";

    @Option(names = "--test-split", description = "test split of every language (default: test; multiconer: dev,"
            + " the official test sets are not public)")
    String testSplit;

    @Option(names = "--dev-fraction", description = "make dev from this fraction of train, stratified by label"
            + " (default: 0.05 for SHINRA, the paper; otherwise 0 = use the dev split)")
    Double devFraction;

    @Option(names = "--max-train", paramLabel = "N", description = "use only the first N training examples in file"
            + " order (default: all; for a run that must fit a time budget, said in the report)")
    int maxTrain;

    @Option(names = "--max-eval", paramLabel = "N", description = "use only the first N examples of the dev set and of"
            + " each test set (default: all; time budget only, said in the report)")
    int maxEval;

    @Option(names = "--split-seed", description = "seed of the stratified dev split (default: ${DEFAULT-VALUE})")
    long splitSeed = 1;

    @Option(names = "--threshold", description = "typing: a label is predicted when p >= this (default: ${DEFAULT-VALUE})")
    double threshold = TaskType.DEFAULT_THRESHOLD;

    @Option(names = "--max-text-chars", description = "SHINRA: characters of page text kept (default: 20 x max length)")
    Integer maxTextChars;

    @Option(names = "--allow-truncated-dump", description = "SHINRA: keep the complete pages of a cut dump")
    boolean allowTruncatedDump;

    @Option(names = "--skip-bad-rows", description = "skip bad rows (reported with file:line and counted in the"
            + " report) instead of stopping at the first one")
    boolean skipBadRows;

    @Option(names = "--source", description = "training language (default: ${DEFAULT-VALUE})")
    String source = "en";

    @Option(names = "--targets", split = ",", description = "zero-shot languages: SIB-200 directory, ISO 639-1 or"
            + " 639-3 code (ko, kor, kor_Hang; default: fr,de,ja,zh,it,ru,es; multiconer: every language with a"
            + " <lang>-dev.conll in the directory)")
    List<String> targets;

    static final List<String> PAPER_TARGETS = List.of("fr", "de", "ja", "zh", "it", "ru", "es");

    @Option(names = "--variants", split = ",", description = "baseline,boe,boe-emb,boe-att (default: all)")
    List<String> variants = ExperimentDefaults.VARIANTS;

    @Option(names = "--seeds", description = "number of seeds (1, 2, ...; default: ${DEFAULT-VALUE})")
    int seeds = ExperimentDefaults.SEEDS;

    @Option(names = "--frozen-encoder", description = "train only the BoE head on frozen encoder outputs (fast)")
    boolean frozen;

    @Option(names = "--freeze-word-embeddings", description = "fine-tuning: keep the word-piece embedding matrix"
            + " fixed (92M of M-BERT's 178M parameters: no gradient, no AdamW moments; off by default, as in the paper)")
    boolean freezeWordEmbeddings;

    @Option(names = "--epochs", description = "maximum epochs (default: " + ExperimentDefaults.FINE_TUNING_EPOCHS
            + ", or " + ExperimentDefaults.FROZEN_EPOCHS + " with --frozen-encoder)")
    Integer epochs;

    @Option(names = "--batch", description = "micro-batch size (default: ${DEFAULT-VALUE})")
    int batch = ExperimentDefaults.BATCH;

    @Option(names = "--accumulation", description = "micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    int accumulation = 1;

    @Option(names = "--lr", description = "learning rate (default: " + ExperimentDefaults.FINE_TUNING_LR + ", or "
            + ExperimentDefaults.FROZEN_LR + " with --frozen-encoder)")
    Double lr;

    @Option(names = "--patience", description = "early-stopping patience in evaluations (default: "
            + ExperimentDefaults.FINE_TUNING_PATIENCE + ", or " + ExperimentDefaults.FROZEN_PATIENCE + " frozen)")
    Integer patience;

    @Option(names = "--max-entities", description = "entities kept per document (default: ${DEFAULT-VALUE})")
    int maxEntities = ExperimentDefaults.MAX_ENTITIES;

    @Option(names = "--save-models", paramLabel = "WHICH", description = "keep trained models for predict/explain:"
            + " none, first-seed (one per variant; default) or all, in runs/<name>/models/<variant>/seed-<s>/ (a"
            + " fine-tuned model copies the 714 MB encoder; a frozen-encoder model is a few MB and references it)")
    String saveModels = SaveModels.FIRST_SEED.cliName();

    @Option(names = "--entity-vectors", paramLabel = "FILE", description = "Wikipedia2Vec text file (.gz/.bz2 too) that"
            + " initialises the entity vectors of boe and boe-att (default: the encoder's encoding of each English"
            + " entity name; boe-emb is always random); sets --entity-init wikipedia2vec")
    Path entityVectors;

    @Option(names = "--boe-preset", paramLabel = "NAME", description = "starting point of the bag-of-entities choices"
            + " below: paper (vectors as initialised, no gate, commonness on, no entity dropout, entity table at the"
            + " run's rate) or demo (the demo's setting, docs/results.md); the options below override it"
            + " (default: ${DEFAULT-VALUE})")
    String boePreset = ExperimentDefaults.EXPERIMENT_PRESET.cliName();

    @Option(names = "--entity-init", paramLabel = "SOURCE", description = "what boe/boe-att's entity vectors start"
            + " from: name (encoded English name), names (mean encoding of the entity's names in the run's languages,"
            + " from the KB), template (the [CLS] state of --entity-template), random, wikipedia2vec (--entity-vectors)")
    String entityInit;

    @Option(names = "--entity-template", paramLabel = "TEXT", description = "template of --entity-init template, with"
            + " {name} (default: \"" + EntityInit.DEFAULT_TEMPLATE + "\")")
    String entityTemplate;

    @Option(names = "--entity-norm", paramLabel = "N", description = "length of the initial entity vectors: raw (as"
            + " encoded), a number (0.55: the -emb rows' norm), or a fraction of the mean |h| (0.05h)")
    String entityNorm;

    @Option(names = "--entity-lr", paramLabel = "F", description = "the entity table's learning rate as a multiple of"
            + " --lr; 0 freezes the table")
    Double entityLr;

    @Option(names = "--gate", paramLabel = "G0", description = "none (h + z, eqs. (5)-(6) of docs/method.md) or a number: features"
            + " = h + g z with g a learned scalar starting at G0 (ours)")
    String gate;

    @Option(names = "--commonness", paramLabel = "on|off", description = "the p(e|m) attention feature (off: fed as 0)")
    String commonness;

    @Option(names = "--entity-dropout", paramLabel = "P", description = "in training, leave out each entity of a bag"
            + " with probability P")
    Double entityDropout;

    @Option(names = "--kb", paramLabel = "FILE", description = "KB file; the default file holds the default KB (ICU4J"
            + " names + the crosswikis dictionary, built there on first use), another missing file is built from ICU4J"
            + " alone; docs/kb.md (default: ${DEFAULT-VALUE})")
    Path kb = Boe4jHome.current().defaultKb();

    @Option(names = "--restart", description = "a (variant, seed) run of an earlier invocation whose data or settings"
            + " differ from this one's is deleted and computed again (default: refused, naming what changed; runs with"
            + " the same inputs are reused either way)")
    boolean restart;

    @Mixin
    WeightsOption weights = new WeightsOption();

    ExperimentCommand() {
        weights.maxLength = ExperimentDefaults.MAX_LENGTH;
    }

    /** Ends {@code experiment --help} with the dataset formats' grammar, from their registry. */
    static void listDatasetFormats(CommandSpec spec) {
        List<String> footer = new ArrayList<>(List.of("", "Dataset specs (a --data template fills in {lang},"
                + " {flores}, {mldoc} and {split}; docs/data.md):"));
        for (DatasetFormat f : DatasetFormats.all()) {
            f.grammar().forEach(g -> footer.add("  " + g));
        }
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    @Override
    public Integer call() throws Exception {
        ExperimentPlan plan = plan(); // parse everything before converting weights
        weights.ensureConverted(System.out);
        ExperimentResults results = new Experiment(plan, System.out, restart).run();
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
        TrainerConfig config = ExperimentDefaults.trainer(frozen, epochs, lr, patience, batch, accumulation)
                .withFrozenWordEmbeddings(freezeWordEmbeddings);
        List<ModelVariant> vs = variants.stream().map(ModelVariant::fromCliName).toList();
        List<Long> seedList = Arrays.stream(LongStream.rangeClosed(1, seeds).toArray()).boxed().toList();
        return new ExperimentPlan(name, runs.resolve(name), weights.dir, kb, experimentData(), source, targets(), vs,
                seedList, frozen, weights.maxLength, maxEntities, config, SaveModels.fromCliName(saveModels),
                boeSetup(), cache != null ? cache : runs.resolve("cache"));
    }

    /** --boe-preset, then every BoE option given on the command line on top of it. */
    BoeSetup boeSetup() {
        BoeSetup setup = BoeSetup.Preset.fromCliName(boePreset).setup(entityVectors);
        EntityInit init = setup.init();
        if (entityInit != null || entityTemplate != null) {
            EntityInit.Source source = entityInit != null ? EntityInit.Source.fromCliName(entityInit) : init.source();
            init = new EntityInit(source, source == EntityInit.Source.WIKIPEDIA2VEC ? entityVectors : null,
                    entityTemplate, init.norm());
        }
        if (entityNorm != null) {
            init = init.withNorm(EntityNorm.parse(entityNorm));
        }
        BoeOptions head = setup.head();
        if (gate != null) {
            head = head.withGate(gate.equals("none") ? null : Double.valueOf(gate));
        }
        if (commonness != null) {
            if (!commonness.equals("on") && !commonness.equals("off")) {
                throw new IllegalArgumentException("--commonness " + commonness + ": expected on or off");
            }
            head = head.withCommonness(commonness.equals("on"));
        }
        if (entityDropout != null) {
            head = head.withEntityDropout(entityDropout);
        }
        setup = setup.withInit(init).withHead(head);
        return entityLr != null ? setup.withEntityLearningRateScale(entityLr) : setup;
    }

    /** --targets, or its default: the paper's languages, or every language a directory holds (MultiCoNER II). */
    List<String> targets() {
        if (targets != null) {
            return targets;
        }
        DirectoryData dirData = directoryData();
        if (dirData == null || !dirData.format().listsLanguages()) {
            return PAPER_TARGETS;
        }
        List<String> present;
        try {
            present = dirData.format().languages(dirData.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("--data " + data + ": cannot list the directory", e);
        }
        List<String> others = present.stream().filter(l -> !l.equals(source)).toList();
        if (others.isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": no data of a target language (other than "
                    + source + ") in the directory " + dirData.dir() + " (" + dirData.format().title() + " languages"
                    + " found: " + present + ")");
        }
        return others;
    }

    /** {@code --data <format>:<dir>}: a dataset format's directory layout (no {lang}/{split} template). */
    private record DirectoryData(DatasetFormat format, Path dir) {
    }

    private DirectoryData directoryData() {
        if (data == null || data.contains("{")) {
            return null;
        }
        int colon = data.indexOf(':');
        DatasetFormat format = colon > 0 ? DatasetFormats.find(data.substring(0, colon)).orElse(null) : null;
        return format == null || format.directoryTemplate(Path.of(".")).isEmpty() ? null
                : new DirectoryData(format, Path.of(data.substring(colon + 1)));
    }

    /** The format of a --data template ({@code tsv:/d/{lang}.{split}.tsv?...}), or null. */
    private DatasetFormat templateFormat() {
        int colon = data == null ? -1 : data.indexOf(':');
        return colon > 0 && data.contains("{") ? DatasetFormats.find(data.substring(0, colon)).orElse(null) : null;
    }

    /** --data and its companions as an {@link ExperimentData}. */
    ExperimentData experimentData() {
        DirectoryData dirData = directoryData();
        DatasetFormat format = dirData != null ? dirData.format() : templateFormat();
        ExperimentTask t = ExperimentTask.parse(task != null ? task
                : format != null && format.typingOnly() && !data.startsWith("shinra:") ? "typing" : "doc", threshold);
        BadRowPolicy policy = skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL;
        ExperimentData d;
        if (data == null || data.equals("sib200")) {
            d = ExperimentData.sib200(null, t, policy);
        } else if (data.startsWith("shinra:") && !data.contains("?")) {
            if (dump == null) {
                throw new IllegalArgumentException("--data shinra:... needs --dump <Wikipedia dump of each language,"
                        + " with {lang}>");
            }
            int chars = maxTextChars != null ? maxTextChars : 20 * weights.maxLength;
            d = ExperimentData.shinra(new ExperimentData.ShinraFiles(data.substring("shinra:".length()), dump, chars,
                    allowTruncatedDump), t, policy, splitSeed);
        } else if (dirData != null) {
            d = ExperimentData.ofDirectory(dirData.format(), dirData.dir(), t, policy);
        } else if (data.contains("{")) {
            d = new ExperimentData(new ExperimentData.Spec(data), t, policy, format != null
                    ? ExperimentData.Splits.of(format) : ExperimentData.Splits.DEFAULT, 0, splitSeed);
        } else if (Files.isDirectory(Path.of(data))) {
            d = ExperimentData.sib200(Path.of(data), t, policy);
        } else {
            throw new IllegalArgumentException("--data " + data + ": not a directory, and not " + String.join(", ",
                    DatasetFormats.all().stream().filter(f -> f.directoryTemplate(Path.of(".")).isPresent())
                            .map(f -> f.name() + ":<dir>").sorted().toList())
                    + ", shinra:<annotations> or a dataset template with {lang}/{split} (" + DatasetSpec.grammar()
                    + "; docs/data.md)");
        }
        ExperimentData.Splits s = d.splits();
        d = d.withSplits(new ExperimentData.Splits(trainSplit != null ? trainSplit : s.train(), devSplit,
                testSplit != null ? testSplit : s.test()));
        d = d.withExampleLimits(maxTrain, maxEval);
        return devFraction != null ? d.withDevFraction(devFraction) : d;
    }
}
