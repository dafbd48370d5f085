package org.boe4j.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-label confusion matrix: {@code count(g, p)} documents with gold label g predicted as p. Accuracy and
 * macro-F1 are read from it.
 */
public final class ConfusionMatrix {

    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[][] counts;

    public ConfusionMatrix(List<String> labels) {
        this.labels = List.copyOf(labels);
        for (int i = 0; i < this.labels.size(); i++) {
            if (index.put(this.labels.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate label " + this.labels.get(i));
            }
        }
        this.counts = new long[labels.size()][labels.size()];
    }

    public static ConfusionMatrix of(List<String> labels, List<String> gold, List<String> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold labels but " + predicted.size() + " predictions");
        }
        ConfusionMatrix m = new ConfusionMatrix(labels);
        for (int i = 0; i < gold.size(); i++) {
            m.add(gold.get(i), predicted.get(i));
        }
        return m;
    }

    public void add(String gold, String predicted) {
        add(gold, predicted, 1);
    }

    /** Adds {@code count} documents with this gold label and prediction. */
    public void add(String gold, String predicted, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
        counts[indexOf(gold)][indexOf(predicted)] += count;
    }

    /** Adds another matrix over the same labels (e.g. to pool seeds). */
    public void addAll(ConfusionMatrix other) {
        if (!other.labels.equals(labels)) {
            throw new IllegalArgumentException("label lists differ: " + labels + " vs " + other.labels);
        }
        for (int g = 0; g < counts.length; g++) {
            for (int p = 0; p < counts.length; p++) {
                counts[g][p] += other.counts[g][p];
            }
        }
    }

    private int indexOf(String label) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("label '" + label + "' not in " + labels);
        }
        return i;
    }

    public List<String> labels() {
        return labels;
    }

    public long count(String gold, String predicted) {
        return counts[indexOf(gold)][indexOf(predicted)];
    }

    public long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long c : row) {
                t += c;
            }
        }
        return t;
    }

    /** Σ_k count(k, k) / total; NaN when empty. */
    public double accuracy() {
        long correct = 0;
        for (int k = 0; k < counts.length; k++) {
            correct += counts[k][k];
        }
        long t = total();
        return t == 0 ? Double.NaN : (double) correct / t;
    }

    /** tp / (tp + fp) for one label; 0 when the label was never predicted. */
    public double precision(String label) {
        int k = indexOf(label);
        long predicted = 0;
        for (long[] row : counts) {
            predicted += row[k];
        }
        return predicted == 0 ? 0 : (double) counts[k][k] / predicted;
    }

    /** tp / (tp + fn) for one label; 0 when the label never occurs in gold. */
    public double recall(String label) {
        int k = indexOf(label);
        long gold = 0;
        for (long c : counts[k]) {
            gold += c;
        }
        return gold == 0 ? 0 : (double) counts[k][k] / gold;
    }

    /** 2PR / (P + R), 0 when P + R = 0. */
    public double f1(String label) {
        double p = precision(label);
        double r = recall(label);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /**
     * Unweighted mean of the per-label F1 over the labels that occur in gold or in the predictions (a label
     * absent from both says nothing about the classifier; this matches scikit-learn's {@code f1_score(average=
     * 'macro')} without an explicit label list). NaN when empty.
     */
    public double macroF1() {
        double sum = 0;
        int used = 0;
        for (int k = 0; k < counts.length; k++) {
            long row = 0;
            long col = 0;
            for (int j = 0; j < counts.length; j++) {
                row += counts[k][j];
                col += counts[j][k];
            }
            if (row + col > 0) {
                sum += f1(labels.get(k));
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }

    /** The counts, rows = gold, columns = predicted, in label order. */
    public long[][] toArray() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }
}
