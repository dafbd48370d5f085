package org.boe4j.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boe4j.data.Example;

/**
 * Scores predictions per language: documents are grouped by {@link Example#language()}, so one call scores a
 * mixed test set (all target languages) at once. Languages appear in the order they first occur.
 */
public final class ScoresByLanguage {

    private ScoresByLanguage() {
    }

    /** Single-label: one confusion matrix per language (accuracy, macro-F1). */
    public static Map<String, ConfusionMatrix> singleLabel(List<Example> examples, List<String> predicted,
                                                           List<String> labels) {
        check(examples, predicted);
        Map<String, ConfusionMatrix> out = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            out.computeIfAbsent(e.language(), l -> new ConfusionMatrix(labels)).add(e.label(), predicted.get(i));
        }
        return out;
    }

    /** Multi-label: micro-averaged counts per language (micro-F1). */
    public static Map<String, MultiLabelCounts> multiLabel(List<Example> examples,
                                                           List<? extends Collection<String>> predicted) {
        check(examples, predicted);
        Map<String, MultiLabelCounts> out = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            out.computeIfAbsent(e.language(), l -> new MultiLabelCounts()).add(e.labels(), predicted.get(i));
        }
        return out;
    }

    /** Gold labels of the examples (single-label). */
    public static List<String> gold(List<Example> examples) {
        List<String> g = new ArrayList<>(examples.size());
        examples.forEach(e -> g.add(e.label()));
        return g;
    }

    private static void check(List<Example> examples, List<?> predicted) {
        if (examples.size() != predicted.size()) {
            throw new IllegalArgumentException(examples.size() + " examples but " + predicted.size() + " predictions");
        }
    }
}
