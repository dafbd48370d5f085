package org.boe4j.eval;

import org.boe4j.lang.Language;
import org.boe4j.lang.Languages;

import org.boe4j.data.BadRowException;
import org.boe4j.data.BadRowPolicy;
import org.boe4j.data.BadRowReport;
import org.boe4j.data.Dataset;
import org.boe4j.data.DatasetFormat;
import org.boe4j.data.DatasetFormats;
import org.boe4j.data.DatasetSpec;
import org.boe4j.data.Example;
import org.boe4j.data.Shinra;
import org.boe4j.data.StratifiedSplit;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The data of an experiment, data-source agnostic: where each (language, split) comes from, which task it is read
 * for, how bad rows are handled, and how the source language's dev set is made (a file of its own, or a stratified
 * part of train: the paper's SHINRA setup).
 *
 * <p>Every source but SHINRA is a {@link DatasetSpec} template in which {@code {lang}} (ISO 639-1, {@code fr}),
 * {@code {flores}} ({@code fra_Latn}), {@code {mldoc}} ({@code french}) and {@code {split}} are filled in:
 * <pre>
 * sib200:{lang}:{split}                          the embedded SIB-200 copy
 * sib200:/data/sib-200/{flores}:{split}          SIB-200 language directories on disk
 * mldoc:/data/mldoc:{lang}:{split}               MLDoc (splits train.1000, dev, test)
 * multiconer:/data/multiconer2:{lang}:{split}    MultiCoNER II as entity typing (targets tested on their dev files)
 * tsv:/data/r/{lang}.{split}.tsv?text=review&amp;label=stars   any CSV/TSV/JSONL, columns chosen
 * </pre>
 * SHINRA2020-ML needs page texts: {@link Shinra} reads the annotation file of each language and joins each page
 * with its text from that language's Wikipedia dump ({@link org.boe4j.data.DumpPageTexts}).
 *
 * @param devFraction 0: dev is the {@code splits.dev()} split of the source language; in (0, 1): dev is that
 *                    fraction of the source's train split, stratified by label ({@link StratifiedSplit}), seeded
 *                    with {@code splitSeed} (fixed over the experiment's seeds, so every run sees the same dev)
 * @param maxTrainExamples 0: the whole train split; n > 0: only its first n examples in file order (after dedup and
 *                    the dev split), for a run that must fit a time budget; the report's data notes say so
 * @param maxEvalExamples 0: whole dev and test splits; n > 0: the first n examples of each (the same budget reason)
 */
public record ExperimentData(Source source, ExperimentTask task, BadRowPolicy policy, Splits splits,
                             double devFraction, long splitSeed, int maxTrainExamples, int maxEvalExamples) {

    /** Split names: train and dev of the source language, test of every evaluated language. */
    public record Splits(String train, String dev, String test) {
        public static final Splits DEFAULT = new Splits("train", "dev", "test");
        public static final Splits MLDOC = new Splits("train.1000", "dev", "test");
        /** MultiCoNER II: the official test sets are not public, every target is tested on its dev file. */
        public static final Splits MULTICONER = new Splits("train", "dev", "dev");

        /** The format's split names. */
        public static Splits of(DatasetFormat format) {
            return new Splits(format.trainSplit(), "dev", format.testSplit());
        }
    }

    public ExperimentData(Source source, ExperimentTask task, BadRowPolicy policy, Splits splits, double devFraction,
                          long splitSeed) {
        this(source, task, policy, splits, devFraction, splitSeed, 0, 0);
    }

    public ExperimentData {
        if (maxTrainExamples < 0 || maxEvalExamples < 0) {
            throw new IllegalArgumentException("example limits must be >= 0 (0: all), found " + maxTrainExamples
                    + " (train) and " + maxEvalExamples + " (dev, test)");
        }
        if (!(devFraction >= 0 && devFraction < 1)) {
            throw new IllegalArgumentException("the dev fraction must lie in [0, 1), found " + devFraction);
        }
        if (source.format().typingOnly() && !task.multiLabel()) {
            throw new IllegalArgumentException(source.format().title() + " is read as entity typing (several labels"
                    + " per example): use --task typing");
        }
    }

    /** Where one split of one language comes from. */
    public sealed interface Source permits Spec, ShinraFiles {
        /** Short dataset name (sib200, mldoc, tsv, shinra2020-ml, ...). */
        String name();

        String describe();

        /** The format the source's specs are read with. */
        DatasetFormat format();

        Dataset read(String language, String split, BadRowPolicy policy, PrintStream out) throws IOException;

        /** The source language's test column is its dev set (SHINRA2020-ML, MultiCoNER II: no public test set). */
        default boolean sourceTestIsDev() {
            return format().sourceTestIsDev();
        }
    }

    /** A {@link DatasetSpec} template; for csv/tsv/jsonl without {@code lang=} the language is added. */
    public record Spec(String template) implements Source {
        public Spec {
            DatasetSpec.parse(fill(template, "en", "train")); // reject a malformed template before any work
        }

        @Override
        public String name() {
            return template.substring(0, template.indexOf(':'));
        }

        @Override
        public String describe() {
            return template;
        }

        @Override
        public DatasetFormat format() {
            return DatasetSpec.parse(fill(template, "en", "train")).format();
        }

        @Override
        public Dataset read(String language, String split, BadRowPolicy policy, PrintStream out) throws IOException {
            return ExperimentData.read(DatasetSpec.parse(fill(template, language, split)), language, split, template,
                    policy, out);
        }
    }

    /**
     * SHINRA2020-ML: per-language annotation JSON lines and Wikipedia dumps, both templates ({@code {lang}} etc.),
     * read as the spec {@code shinra:<annotations>?dump=<dump>&max-text-chars=N} of each language.
     *
     * @param maxTextChars characters of page text kept (the encoder reads only its first word pieces)
     */
    public record ShinraFiles(String annotations, String dump, int maxTextChars, boolean allowTruncatedDump)
            implements Source {
        @Override
        public String name() {
            return Shinra.NAME;
        }

        @Override
        public String describe() {
            return "SHINRA2020-ML " + annotations + " with page texts from " + dump + " (first " + maxTextChars
                    + " characters)";
        }

        @Override
        public DatasetFormat format() {
            return DatasetFormats.find("shinra").orElseThrow();
        }

        @Override
        public Dataset read(String language, String split, BadRowPolicy policy, PrintStream out) throws IOException {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("dump", fill(dump, language, split));
            options.put("max-text-chars", Integer.toString(maxTextChars));
            if (allowTruncatedDump) {
                options.put("truncated-dump", "allow");
            }
            DatasetSpec spec = new DatasetSpec("shinra", List.of(fill(annotations, language, split)), options);
            return ExperimentData.read(spec, language, split, "shinra:" + annotations + " --dump " + dump, policy,
                    out);
        }
    }

    /**
     * Reads one language's split through its format: the spec for that language, then its files, each missing one
     * named with the language and split it was expanded for ({@code from}: what the user wrote).
     */
    private static Dataset read(DatasetSpec spec, String language, String split, String from, BadRowPolicy policy,
                                PrintStream out) throws IOException {
        DatasetFormat format = spec.format();
        DatasetSpec forLanguage = format.forLanguage(spec, Languages.code(language), split);
        for (Path p : format.requiredFiles(forLanguage)) {
            if (!Files.isRegularFile(p)) {
                throw new FileNotFoundException(p + ": no such file (the " + split + " split of language '" + language
                        + "' from --data " + from + ")");
            }
        }
        return forLanguage.read(policy, out);
    }

    /**
     * The experiment on {@code <format>:<dir>}: the format's directory template, its split names (MLDoc trains on
     * train.1000, MultiCoNER II tests on dev) and its task check.
     */
    public static ExperimentData ofDirectory(DatasetFormat format, Path dir, ExperimentTask task, BadRowPolicy policy) {
        String template = format.directoryTemplate(dir).orElseThrow(() -> new IllegalArgumentException(
                format.name() + ":" + dir + ": " + format.title() + " has no directory form; expected one of "
                        + format.grammar()));
        return new ExperimentData(new Spec(template), task, policy, Splits.of(format), 0, 1);
    }

    /** The embedded SIB-200 copy, or SIB-200 language directories under {@code root} (named eng_Latn, ...). */
    public static ExperimentData sib200(Path root, ExperimentTask task, BadRowPolicy policy) {
        return root == null
                ? new ExperimentData(new Spec("sib200:{lang}:{split}"), task, policy, Splits.DEFAULT, 0, 1)
                : ofDirectory(format("sib200"), root, task, policy);
    }

    /** MLDoc files {@code <language>.<split>} in {@code dir}. */
    public static ExperimentData mldoc(Path dir, ExperimentTask task, BadRowPolicy policy, Splits splits) {
        return ofDirectory(format("mldoc"), dir, task, policy).withSplits(splits);
    }

    /**
     * MultiCoNER II files in {@code dir} ({@link org.boe4j.data.MultiCoNer}): train {@code <lang>-train*.conll}, dev
     * {@code <lang>-dev.conll}, every target tested on its dev file.
     */
    public static ExperimentData multiconer(Path dir, ExperimentTask task, BadRowPolicy policy) {
        return ofDirectory(format("multiconer"), dir, task, policy);
    }

    private static DatasetFormat format(String name) {
        return DatasetFormats.find(name).orElseThrow();
    }

    /** SHINRA2020-ML with the paper's dev: 5% of English train, stratified by label. */
    public static ExperimentData shinra(ShinraFiles files, ExperimentTask task, BadRowPolicy policy, long splitSeed) {
        return new ExperimentData(files, task, policy, Splits.DEFAULT, Shinra.DEV_FRACTION, splitSeed);
    }

    public ExperimentData withDevFraction(double fraction) {
        return new ExperimentData(source, task, policy, splits, fraction, splitSeed, maxTrainExamples, maxEvalExamples);
    }

    public ExperimentData withSplits(Splits s) {
        return new ExperimentData(source, task, policy, s, devFraction, splitSeed, maxTrainExamples, maxEvalExamples);
    }

    public ExperimentData withExampleLimits(int maxTrain, int maxEval) {
        return new ExperimentData(source, task, policy, splits, devFraction, splitSeed, maxTrain, maxEval);
    }

    /** The paper table shown beside the results: MLDoc for document classification (also the shape SIB-200 is
     * compared with), SHINRA for typing on SHINRA; none for other data. */
    public PaperResults.PaperTable paperTable() {
        if (source.format().typingOnly()) {
            return PaperResults.SHINRA; // MultiCoNER II stands in for SHINRA2020-ML: Table 4 beside it
        }
        String n = source.name();
        return !task.multiLabel() && (n.equals("sib200") || n.equals("mldoc")) ? PaperResults.MLDOC : null;
    }

    public String describe() {
        String dev = devFraction > 0
                ? String.format(Locale.ROOT, "dev = %.0f%% of train, stratified by label (seed %d)", 100 * devFraction,
                splitSeed)
                : "dev split '" + splits.dev() + "'";
        return source.describe() + "; train split '" + splits.train() + "', " + dev + ", test split '" + splits.test()
                + "'" + (source.sourceTestIsDev() ? " (the source language is scored on its dev set)" : "")
                + (maxTrainExamples > 0 ? "; only the first " + maxTrainExamples + " training examples" : "")
                + (maxEvalExamples > 0 ? "; only the first " + maxEvalExamples + " examples of each dev/test set" : "")
                + "; bad rows: " + (policy == BadRowPolicy.SKIP ? "skipped and counted" : "an error");
    }

    /** The datasets of one experiment, every split labelled with the training label list. */
    public record Loaded(Dataset train, Dataset dev, Map<String, Dataset> tests, List<String> labels,
                         List<String> notes) {
        public Map<String, Integer> labelIndex() {
            return train.labelIndex();
        }
    }

    /** Reads train and dev of {@code sourceLanguage} and the test split of every language (source first). */
    public Loaded load(String sourceLanguage, List<String> languages, PrintStream out) throws IOException {
        List<String> notes = new ArrayList<>();
        Dataset train = source.read(sourceLanguage, splits.train(), policy, out);
        checkTrain(train, train.labels());
        Dataset dev;
        if (devFraction > 0) {
            StratifiedSplit.TrainDev td = StratifiedSplit.trainDev(train, devFraction, splitSeed);
            train = td.train();
            dev = td.dev();
        } else {
            dev = source.read(sourceLanguage, splits.dev(), policy, out);
        }
        train = firstExamples(train, maxTrainExamples);
        dev = firstExamples(dev, maxEvalExamples);
        List<String> labels = train.labels();
        checkTrain(train, labels);
        note(notes, out, train);
        dev = relabel(dev, labels);
        note(notes, out, dev);
        Map<String, Dataset> tests = new LinkedHashMap<>();
        for (String lang : languages) {
            Dataset test = lang.equals(sourceLanguage) && source.sourceTestIsDev() ? dev
                    : relabel(firstExamples(source.read(lang, splits.test(), policy, out), maxEvalExamples), labels);
            if (test != dev) {
                note(notes, out, test);
            }
            tests.put(lang, test);
        }
        return new Loaded(train, dev, tests, labels, notes);
    }

    /** The first n examples in file order (n = 0 or n >= size: all). */
    private static Dataset firstExamples(Dataset d, int n) {
        if (n == 0 || d.size() <= n) {
            return d;
        }
        return d.subset(d.split(), IntStream.range(0, n).boxed().toList(),
                "the first " + n + " of " + d.size() + " examples (file order)");
    }

    private static String where(Dataset d) {
        return d.sources().isEmpty() ? d.name() : d.sources().get(0).name();
    }

    private void checkTrain(Dataset train, List<String> labels) throws IOException {
        String where = where(train);
        if (train.examples().isEmpty()) {
            throw new IOException(where + ": no training examples");
        }
        if (labels.size() < 2) {
            throw new IOException(where + ": the training split has " + labels.size() + " label(s) " + labels
                    + "; a classifier needs at least 2");
        }
        if (!task.multiLabel()) {
            for (Example e : train.examples()) {
                if (e.labels().size() != 1) {
                    throw new BadRowException(e.source(), e.labels().size() + " labels " + e.labels()
                            + ": document classification (--task doc) needs exactly one per document;"
                            + " multi-label data is --task typing");
                }
            }
        }
    }

    /**
     * The split with the training label list. Single-label: a gold label the model does not know is a bad row
     * (it could never be predicted); multi-label: such labels stay and count as false negatives (micro-F1).
     */
    private Dataset relabel(Dataset d, List<String> labels) throws IOException {
        if (d.examples().isEmpty()) {
            throw new IOException(where(d) + ": no examples in the " + d.split() + " split of '" + d.language() + "'");
        }
        BadRowReport report = new BadRowReport(policy);
        d.skipped().skipped().forEach(r -> {
            try {
                report.reject(r.location(), r.reason());
            } catch (BadRowException impossible) {
                throw new IllegalStateException(impossible); // rows were skipped, so the policy is SKIP
            }
        });
        List<Example> kept = new ArrayList<>(d.size());
        Set<String> known = Set.copyOf(labels);
        for (Example e : d.examples()) {
            if (!task.multiLabel()) {
                if (e.labels().size() != 1) {
                    report.reject(e.source(), e.labels().size() + " labels " + e.labels()
                            + ", --task doc needs exactly one");
                    continue;
                }
                if (!known.contains(e.label())) {
                    report.reject(e.source(), "unknown label '" + e.label() + "': the training split has only "
                            + labels);
                    continue;
                }
            }
            kept.add(e);
        }
        if (kept.isEmpty()) {
            throw new IOException(where(d) + ": every example of the " + d.split() + " split was skipped");
        }
        return new Dataset(d.name(), d.language(), d.split(), labels, d.multiLabel() || task.multiLabel(), kept,
                d.sources(), d.derivation(), report);
    }

    private static void note(List<String> notes, PrintStream out, Dataset d) {
        String what = d.name() + " " + d.language() + " " + d.split() + ": " + d.size() + " examples";
        if (d.skipped().count() > 0) {
            what += "; " + d.skipped().summary(5).replace(System.lineSeparator(), " | ");
        }
        if (!d.derivation().isEmpty()) {
            what += " (" + d.derivation() + ")";
        }
        notes.add(what);
        out.println(what);
    }

    /** Fills {@code {lang}}, {@code {flores}}, {@code {mldoc}} and {@code {split}}. */
    static String fill(String template, String language, String split) {
        Language l = Languages.find(language).orElse(null);
        return template.replace("{lang}", l == null ? language : l.code())
                .replace("{flores}", l == null || !l.inSib200() ? language : l.flores())
                .replace("{mldoc}", l == null ? language : l.mldoc())
                .replace("{split}", split);
    }
}
