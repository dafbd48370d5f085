package org.boe4j.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluation on the dev set: the metric early stopping follows (accuracy, micro-F1, ...) and any other
 * numbers worth logging.
 */
public record Evaluation(double metric, Map<String, Double> details) {

    public Evaluation {
        details = new TreeMap<>(details);
    }

    public static Evaluation of(double metric) {
        return new Evaluation(metric, Map.of());
    }
}
