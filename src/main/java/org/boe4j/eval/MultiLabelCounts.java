package org.boe4j.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Micro-averaged multi-label counts, the SHINRA2020-ML metric: true positives, false positives and false
 * negatives summed over all (document, label) pairs, then P = tp / (tp + fp), R = tp / (tp + fn) and
 * micro-F1 = 2PR / (P + R) = 2tp / (2tp + fp + fn). Gold labels the model cannot predict (outside its label
 * space) count as false negatives, as they should.
 */
public final class MultiLabelCounts {

    private long tp;
    private long fp;
    private long fn;
    private long documents;

    public static MultiLabelCounts of(List<? extends Collection<String>> gold,
                                      List<? extends Collection<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sets but " + predicted.size() + " predictions");
        }
        MultiLabelCounts c = new MultiLabelCounts();
        for (int i = 0; i < gold.size(); i++) {
            c.add(gold.get(i), predicted.get(i));
        }
        return c;
    }

    public void add(Collection<String> gold, Collection<String> predicted) {
        Set<String> g = new HashSet<>(gold);
        Set<String> p = new HashSet<>(predicted);
        for (String l : p) {
            if (g.contains(l)) {
                tp++;
            } else {
                fp++;
            }
        }
        for (String l : g) {
            if (!p.contains(l)) {
                fn++;
            }
        }
        documents++;
    }

    public long truePositives() {
        return tp;
    }

    public long falsePositives() {
        return fp;
    }

    public long falseNegatives() {
        return fn;
    }

    public long documents() {
        return documents;
    }

    public double microPrecision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public double microRecall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    /** 2tp / (2tp + fp + fn); 0 when there is nothing to find and nothing predicted. */
    public double microF1() {
        long denom = 2 * tp + fp + fn;
        return denom == 0 ? 0 : 2.0 * tp / denom;
    }
}
