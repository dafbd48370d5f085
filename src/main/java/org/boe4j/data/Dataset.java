package org.boe4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A labelled split of one language: its examples, the label list (whose order fixes the classifier's output
 * indices), whether examples may carry several labels, and the provenance needed to audit a result: the source
 * files with their SHA-256, how the split was derived (e.g. a seeded stratified split), and the rows skipped.
 *
 * @param name       dataset name, e.g. {@code sib200}, {@code mldoc}, {@code shinra2020-ml}
 * @param language   language code as given by the reader (ISO 639-1 where known)
 * @param split      split name: {@code train}, {@code dev}, {@code test}, {@code train.1000}, ...
 * @param derivation how the examples were derived from the sources beyond reading them, or "" if not at all
 */
public record Dataset(String name, String language, String split, List<String> labels, boolean multiLabel,
                      List<Example> examples, List<SourceFile> sources, String derivation, BadRowReport skipped) {

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(split, "split");
        labels = List.copyOf(labels);
        examples = List.copyOf(examples);
        sources = List.copyOf(sources);
        Objects.requireNonNull(derivation, "derivation");
        Objects.requireNonNull(skipped, "skipped");
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("duplicate labels in " + labels);
        }
    }

    public int size() {
        return examples.size();
    }

    /** Label name to index in {@link #labels()}. */
    public Map<String, Integer> labelIndex() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        return index;
    }

    /** Number of examples carrying each label, in label order. */
    public int[] labelCounts() {
        Map<String, Integer> index = labelIndex();
        int[] counts = new int[labels.size()];
        for (Example e : examples) {
            for (String l : e.labels()) {
                Integer i = index.get(l);
                if (i != null) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    /** The examples at the given indices, as a new split with the same labels and sources. */
    public Dataset subset(String newSplit, List<Integer> indices, String how) {
        List<Example> chosen = new ArrayList<>(indices.size());
        for (int i : indices) {
            chosen.add(examples.get(i));
        }
        String d = derivation.isEmpty() ? how : derivation + "; " + how;
        return new Dataset(name, language, newSplit, labels, multiLabel, chosen, sources, d, skipped);
    }
}
