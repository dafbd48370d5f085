package org.boe4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The two task heads of the method (eqs. (5)-(6) of docs/method.md) and how each turns probabilities into labels. */
public enum TaskType {
    /** Document classification: softmax over labels, cross-entropy, arg-max prediction (eq. (5)). */
    SINGLE_LABEL,
    /** Entity typing: one sigmoid per label, binary cross-entropy, a label is predicted when p >= threshold (eq. (6)). */
    MULTI_LABEL;

    /** The multi-label decision threshold of eq. (6); a model or an experiment may record another. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /**
     * The indices of the labels predicted from one row of probabilities: single label, the arg-max (the first of equal
     * maxima); multi label, every c with p_c >= {@code threshold} (possibly none). The one decision rule of
     * {@code boe4j predict}, {@code explain} and the experiments' results.
     */
    public int[] predictedIndices(double[] probabilities, double threshold) {
        if (this == SINGLE_LABEL) {
            int best = 0;
            for (int c = 1; c < probabilities.length; c++) {
                if (probabilities[c] > probabilities[best]) {
                    best = c;
                }
            }
            return new int[]{best};
        }
        int n = 0;
        int[] chosen = new int[probabilities.length];
        for (int c = 0; c < probabilities.length; c++) {
            if (probabilities[c] >= threshold) {
                chosen[n++] = c;
            }
        }
        return Arrays.copyOf(chosen, n);
    }

    /** {@link #predictedIndices} as label names; {@code labels} in the order of the probabilities. */
    public List<String> predictedLabels(double[] probabilities, List<String> labels, double threshold) {
        if (probabilities.length != labels.size()) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.size() + " labels");
        }
        List<String> out = new ArrayList<>();
        for (int c : predictedIndices(probabilities, threshold)) {
            out.add(labels.get(c));
        }
        return out;
    }
}
