package org.boe4j.eval;

import org.boe4j.data.Example;
import org.boe4j.model.TaskType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an experiment's task decides: the head ({@link TaskType}, whose rule turns probabilities into predicted
 * labels, eqs. (5)-(6) of docs/method.md), the decision threshold and the metric.
 *
 * <pre>
 * doc     softmax + cross-entropy; predicted = argmax_c p_c;        metric accuracy (macro-F1 beside it)
 * typing  sigmoid + BCE;           predicted = {c : p_c >= threshold}; metric micro-F1 (the SHINRA2020-ML metric)
 * </pre>
 *
 * @param threshold the multi-label decision threshold (0.5 by default; unused for doc)
 */
public record ExperimentTask(TaskType type, double threshold) {

    public static final ExperimentTask DOC = new ExperimentTask(TaskType.SINGLE_LABEL, TaskType.DEFAULT_THRESHOLD);
    public static final ExperimentTask TYPING = new ExperimentTask(TaskType.MULTI_LABEL, TaskType.DEFAULT_THRESHOLD);

    public ExperimentTask {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("the decision threshold must lie in (0, 1), found " + threshold);
        }
    }

    /** {@code doc} or {@code typing}, as on the command line. */
    public static ExperimentTask parse(String cliName, double threshold) {
        return switch (cliName) {
            case "doc" -> new ExperimentTask(TaskType.SINGLE_LABEL, threshold);
            case "typing" -> new ExperimentTask(TaskType.MULTI_LABEL, threshold);
            default -> throw new IllegalArgumentException("--task " + cliName
                    + ": expected doc (document classification) or typing (multi-label entity typing)");
        };
    }

    public boolean multiLabel() {
        return type == TaskType.MULTI_LABEL;
    }

    public String cliName() {
        return multiLabel() ? "typing" : "doc";
    }

    /** The metric of the report tables. */
    public String metric() {
        return multiLabel() ? "micro-F1" : "accuracy";
    }

    /** The key of the metric in a run's result.json ({@code accuracy} was the only one before typing existed). */
    public String metricKey() {
        return multiLabel() ? "micro_f1" : "accuracy";
    }

    public String describe() {
        return multiLabel()
                ? String.format(Locale.ROOT, "entity typing (multi-label: sigmoid + BCE, threshold %.2f, micro-F1)",
                threshold)
                : "document classification (single-label: softmax + cross-entropy, accuracy and macro-F1)";
    }

    /** The scores of one split: the metric, the other numbers, and the predicted labels per document. */
    public record Scores(double metric, Map<String, Double> details, ConfusionMatrix confusion,
                         MultiLabelCounts counts, List<List<String>> predicted) {
    }

    /**
     * Scores probabilities [N, C] (columns in {@code labels} order) against the examples' gold labels. A gold label
     * outside {@code labels} counts as a false negative for typing; for doc the data loader rejects it beforehand.
     */
    public Scores score(List<Example> examples, List<String> labels, INDArray probabilities) {
        if (probabilities.size(0) != examples.size() || probabilities.size(1) != labels.size()) {
            throw new IllegalArgumentException("probabilities " + Arrays.toString(probabilities.shape())
                    + " for " + examples.size() + " documents and " + labels.size() + " labels");
        }
        List<List<String>> predicted = predict(labels, probabilities);
        Map<String, Double> details = new LinkedHashMap<>();
        if (multiLabel()) {
            MultiLabelCounts c = new MultiLabelCounts();
            for (int i = 0; i < examples.size(); i++) {
                c.add(examples.get(i).labels(), predicted.get(i));
            }
            details.put("micro_precision", c.microPrecision());
            details.put("micro_recall", c.microRecall());
            return new Scores(c.microF1(), details, null, c, predicted);
        }
        ConfusionMatrix m = new ConfusionMatrix(labels);
        for (int i = 0; i < examples.size(); i++) {
            m.add(examples.get(i).label(), predicted.get(i).get(0));
        }
        details.put("macro_f1", m.macroF1());
        return new Scores(m.accuracy(), details, m, null, predicted);
    }

    /** The predicted labels of each row of probabilities [N, C], by {@link TaskType#predictedLabels}. */
    public List<List<String>> predict(List<String> labels, INDArray probabilities) {
        List<List<String>> out = new ArrayList<>((int) probabilities.size(0));
        for (int i = 0; i < probabilities.size(0); i++) {
            out.add(type.predictedLabels(probabilities.getRow(i).toDoubleVector(), labels, threshold));
        }
        return out;
    }

    /**
     * The training targets of an example: the indices of its labels in the model's label list. A gold label outside
     * that list (possible only in a multi-label test set) has no target; scoring counts it as a false negative.
     */
    public static int[] targets(Example e, Map<String, Integer> labelIndex) {
        return e.labels().stream().filter(labelIndex::containsKey).mapToInt(labelIndex::get).toArray();
    }
}
