package org.boe4j.eval;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.boe4j.data.Dataset;
import org.boe4j.data.Example;
import org.boe4j.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What one trained (variant, seed) leaves per test language besides its scores ({@link RunResult}): its predictions
 * ({@code predictions-<lang>.jsonl}, one document per line: id, source line, gold labels, predicted labels and the
 * probability of every label), so that any number of the report can be recomputed from the predictions alone.
 */
final class RunOutputs {

    private static final Gson GSON = new Gson();

    private RunOutputs() {
    }

    static String summary(ExperimentTask task, ExperimentTask.Scores s) {
        if (s.confusion() != null) {
            return String.format(Locale.ROOT, "accuracy %.1f%%, macro-F1 %.1f%%", 100 * s.metric(),
                    100 * s.details().get("macro_f1"));
        }
        MultiLabelCounts c = s.counts();
        return String.format(Locale.ROOT, "micro-F1 %.1f%% (P %.1f%%, R %.1f%%; tp %d fp %d fn %d; threshold %.2f)",
                100 * s.metric(), 100 * c.microPrecision(), 100 * c.microRecall(), c.truePositives(),
                c.falsePositives(), c.falseNegatives(), task.threshold());
    }

    static void writePredictions(Path file, Dataset test, List<String> labels, INDArray probabilities,
                                 ExperimentTask.Scores s) throws IOException {
        StringBuilder sb = new StringBuilder();
        JsonArray labelNames = new JsonArray();
        labels.forEach(labelNames::add);
        JsonObject head = new JsonObject();
        head.add("labels", labelNames);
        sb.append(GSON.toJson(head)).append('\n');
        for (int i = 0; i < test.size(); i++) {
            Example e = test.examples().get(i);
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id());
            o.addProperty("source", e.source().toString());
            o.add("gold", strings(e.labels()));
            o.add("predicted", strings(s.predicted().get(i)));
            JsonArray p = new JsonArray();
            for (int c = 0; c < labels.size(); c++) {
                p.add(probabilities.getDouble(i, c));
            }
            o.add("probabilities", p);
            sb.append(GSON.toJson(o)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
