package org.boe4j.eval;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one trained (variant, seed) scored on one language's test set: the entry of that language in
 * {@code result.json} ({@link RunResult}). Document classification keeps accuracy, macro-F1 and the confusion matrix;
 * entity typing the micro-averaged precision, recall, F1 and their counts.
 */
public sealed interface LanguageScores permits LanguageScores.Doc, LanguageScores.Typing {

    /** The task's metric: accuracy (doc) or micro-F1 (typing). */
    double metric();

    /** Documents scored. */
    int documents();

    /** The entry of {@code result.json}, keys and their order as the runner has always written them. */
    JsonObject toJson();

    /** Accuracy, macro-F1 and the confusion matrix (gold rows, predicted columns) of single-label scores. */
    record Doc(double accuracy, double macroF1, ConfusionMatrix confusion, int documents) implements LanguageScores {
        @Override
        public double metric() {
            return accuracy;
        }

        @Override
        public JsonObject toJson() {
            JsonObject r = new JsonObject();
            r.addProperty("accuracy", accuracy);
            r.addProperty("macro_f1", macroF1);
            r.add("confusion", GSON.toJsonTree(confusion.toArray()));
            r.addProperty("documents", documents);
            return r;
        }
    }

    /** Micro-averaged precision, recall and F1 of multi-label scores, with the counts they come from. */
    record Typing(double microF1, double microPrecision, double microRecall, long truePositives, long falsePositives,
                  long falseNegatives, int documents) implements LanguageScores {
        @Override
        public double metric() {
            return microF1;
        }

        /** The numbers the report keeps per run beside the metric (as result.json spells them). */
        public Map<String, String> details() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("micro_precision", Double.toString(microPrecision));
            m.put("micro_recall", Double.toString(microRecall));
            m.put("tp", Long.toString(truePositives));
            m.put("fp", Long.toString(falsePositives));
            m.put("fn", Long.toString(falseNegatives));
            return m;
        }

        @Override
        public JsonObject toJson() {
            JsonObject r = new JsonObject();
            r.addProperty("micro_f1", microF1);
            r.addProperty("micro_precision", microPrecision);
            r.addProperty("micro_recall", microRecall);
            r.addProperty("tp", truePositives);
            r.addProperty("fp", falsePositives);
            r.addProperty("fn", falseNegatives);
            r.addProperty("documents", documents);
            return r;
        }
    }

    Gson GSON = new Gson();

    /** The scores of a split as the task computed them. */
    static LanguageScores of(ExperimentTask.Scores s) {
        if (s.confusion() != null) {
            return new Doc(s.metric(), s.details().get("macro_f1"), s.confusion(), s.predicted().size());
        }
        MultiLabelCounts c = s.counts();
        return new Typing(s.metric(), c.microPrecision(), c.microRecall(), c.truePositives(), c.falsePositives(),
                c.falseNegatives(), s.predicted().size());
    }

    /**
     * Reads an entry of {@code result.json}; {@code labels} orders the confusion matrix's rows and columns (the
     * training label list, as when it was written).
     */
    static LanguageScores fromJson(JsonObject r, boolean multiLabel, List<String> labels, String where)
            throws IOException {
        try {
            int documents = r.has("documents") ? r.get("documents").getAsInt() : -1;
            if (multiLabel) {
                return new Typing(r.get("micro_f1").getAsDouble(), r.get("micro_precision").getAsDouble(),
                        r.get("micro_recall").getAsDouble(), r.get("tp").getAsLong(), r.get("fp").getAsLong(),
                        r.get("fn").getAsLong(), documents);
            }
            long[][] counts = GSON.fromJson(r.get("confusion"), long[][].class);
            if (counts.length != labels.size()) {
                throw new IOException(where + ": a " + counts.length + " x " + counts.length + " confusion matrix for "
                        + labels.size() + " labels " + labels);
            }
            ConfusionMatrix m = new ConfusionMatrix(labels);
            for (int g = 0; g < labels.size(); g++) {
                for (int p = 0; p < labels.size(); p++) {
                    m.add(labels.get(g), labels.get(p), counts[g][p]);
                }
            }
            return new Doc(r.get("accuracy").getAsDouble(), r.get("macro_f1").getAsDouble(), m, documents);
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException
                 | JsonParseException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(where + ": expected " + (multiLabel
                    ? "micro_f1, micro_precision, micro_recall, tp, fp, fn" : "accuracy, macro_f1 and a confusion"
                    + " matrix") + " (" + e + ")", e);
        }
    }
}
