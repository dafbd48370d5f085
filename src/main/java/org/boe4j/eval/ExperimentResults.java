package org.boe4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The plain results of an experiment, which the runner fills and the report writers read: for every model
 * variant and language, one metric value per seed (a fraction in [0, 1]), plus free-form provenance (datasets and
 * their SHA-256, model, KB, code version, ...) and optional per-seed confusion matrices.
 *
 * <p>Values are keyed by seed so that paired tests compare the same seed of two variants. Variants and languages
 * keep the order in which they are declared or first added; that is the row and column order of the reports.
 */
public final class ExperimentResults {

    /** A key for per-seed extras such as confusion matrices. */
    public record RunKey(String variant, String language, long seed) {
    }

    private final String name;
    private final String metric;
    private final String baseline;
    private final List<String> languages = new ArrayList<>();
    private final List<String> averageOver = new ArrayList<>();
    private final Map<String, Map<String, TreeMap<Long, Double>>> values = new LinkedHashMap<>();
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private final Map<RunKey, Map<String, String>> runProvenance = new LinkedHashMap<>();
    private final Map<RunKey, ConfusionMatrix> confusion = new LinkedHashMap<>();

    /**
     * @param name     experiment name (the run directory name)
     * @param metric   what the values measure, e.g. {@code accuracy} or {@code micro-F1}
     * @param baseline the variant the others are compared with (significance tests, chart colour)
     */
    public ExperimentResults(String name, String metric, String baseline) {
        this.name = Objects.requireNonNull(name, "name");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        values.put(baseline, new LinkedHashMap<>());
    }

    /** Declares the column order (languages added later are appended). */
    public ExperimentResults languages(List<String> order) {
        order.forEach(this::language);
        return this;
    }

    /**
     * The languages the "avg" column averages over; by default all. (The paper's MLDoc average includes English;
     * its SHINRA average is over the target languages only.)
     */
    public ExperimentResults averageOver(List<String> langs) {
        averageOver.clear();
        averageOver.addAll(langs);
        return this;
    }

    /** Declares a variant (row) in order. */
    public ExperimentResults variant(String variant) {
        values.computeIfAbsent(variant, v -> new LinkedHashMap<>());
        return this;
    }

    private void language(String language) {
        if (!languages.contains(language)) {
            languages.add(language);
        }
    }

    /** Records one value; a value in [0, 1] (reports show it in %). */
    public ExperimentResults add(String variant, String language, long seed, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(metric + " of " + variant + "/" + language + "/seed " + seed
                    + " must be a fraction in [0, 1], got " + value);
        }
        language(language);
        Double old = values.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                .computeIfAbsent(language, l -> new TreeMap<>()).put(seed, value);
        if (old != null) {
            throw new IllegalArgumentException("two values for " + variant + "/" + language + "/seed " + seed);
        }
        return this;
    }

    /** Provenance of a single run (checkpoint path, epochs, dev score, ...), written beside its value. */
    public ExperimentResults runProvenance(String variant, String language, long seed, String key, String value) {
        runProvenance.computeIfAbsent(new RunKey(variant, language, seed), k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public ExperimentResults provenance(String key, String value) {
        provenance.put(key, value);
        return this;
    }

    public ExperimentResults confusion(String variant, String language, long seed, ConfusionMatrix m) {
        confusion.put(new RunKey(variant, language, seed), m);
        return this;
    }

    public String name() {
        return name;
    }

    public String metric() {
        return metric;
    }

    public String baseline() {
        return baseline;
    }

    public List<String> variants() {
        return List.copyOf(values.keySet());
    }

    public List<String> languages() {
        return List.copyOf(languages);
    }

    public List<String> averageLanguages() {
        return averageOver.isEmpty() ? languages() : List.copyOf(averageOver);
    }

    /** Seed -> value for one cell (empty if none). */
    public TreeMap<Long, Double> bySeed(String variant, String language) {
        Map<String, TreeMap<Long, Double>> v = values.get(variant);
        TreeMap<Long, Double> m = v == null ? null : v.get(language);
        return m == null ? new TreeMap<>() : new TreeMap<>(m);
    }

    /** The per-seed values of one cell, in seed order. */
    public List<Double> values(String variant, String language) {
        return new ArrayList<>(bySeed(variant, language).values());
    }

    /**
     * Per seed, the mean over {@link #averageLanguages()} (only seeds present in all of them); the "avg" column
     * is summarised from these, so its ± is the spread of the per-seed average, not a mix of languages.
     */
    public TreeMap<Long, Double> averageBySeed(String variant) {
        TreeMap<Long, Double> out = new TreeMap<>();
        List<String> langs = averageLanguages();
        if (langs.isEmpty()) {
            return out;
        }
        TreeMap<Long, Double> first = bySeed(variant, langs.get(0));
        for (long seed : first.keySet()) {
            double sum = 0;
            boolean complete = true;
            for (String l : langs) {
                Double v = bySeed(variant, l).get(seed);
                if (v == null) {
                    complete = false;
                    break;
                }
                sum += v;
            }
            if (complete) {
                out.put(seed, sum / langs.size());
            }
        }
        return out;
    }

    public Map<String, String> provenance() {
        return Map.copyOf(provenance);
    }

    /** Provenance in insertion order. */
    public Map<String, String> provenanceOrdered() {
        return new LinkedHashMap<>(provenance);
    }

    public Map<String, String> runProvenance(String variant, String language, long seed) {
        return runProvenance.getOrDefault(new RunKey(variant, language, seed), Map.of());
    }

    public Map<RunKey, ConfusionMatrix> confusion() {
        return new LinkedHashMap<>(confusion);
    }
}
