package org.boe4j.cli;

import org.boe4j.data.MentionDocument;
import org.boe4j.model.Prediction;
import org.boe4j.model.Predictor;
import org.boe4j.model.TaskType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How {@code predict} and {@code explain} hand a typing model its input: a sentence with its mention marked as
 * {@code [[mention]]} becomes the document {@code mention [SEP] sentence}, as the MultiCoNER typing examples were
 * built ({@link MentionDocument}). Text without {@code [[} goes in unchanged (a SHINRA-style typing model reads a
 * whole text about one entity), and so does every text for a document classifier.
 */
final class MarkedMention {

    private MarkedMention() {
    }

    static boolean typing(Predictor p) {
        return p.model().card().taskType() == TaskType.MULTI_LABEL;
    }

    /** The text the model reads. */
    static String documentText(Predictor p, String text) {
        return typing(p) && text.contains(MentionDocument.OPEN) ? MentionDocument.parse(text).text() : text;
    }

    /** The types predicted (p >= the model's threshold), most probable first, each with its probability. */
    static String types(List<String> labels, Prediction prediction) {
        List<Integer> chosen = new ArrayList<>();
        for (String l : prediction.labels()) {
            chosen.add(labels.indexOf(l));
        }
        chosen.sort((a, b) -> Double.compare(prediction.probabilities()[b], prediction.probabilities()[a]));
        if (chosen.isEmpty()) {
            return "(no type above the threshold)";
        }
        StringBuilder sb = new StringBuilder();
        for (int c : chosen) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.4f", labels.get(c), prediction.probabilities()[c]));
        }
        return sb.toString();
    }

    /** The bag of entities: English entity, p(e|m), attention weight and the mention's UTF-16 span. */
    static String bag(Prediction prediction) {
        if (prediction.entities().isEmpty()) {
            return "(empty bag of entities)";
        }
        StringBuilder sb = new StringBuilder();
        for (Prediction.PredictedEntity e : prediction.entities()) {
            sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s p(e|m)=%.3f a=%.3f [%d,%d)",
                    e.entity(), e.commonness(), e.attention(), e.start(), e.end()));
        }
        return sb.toString();
    }
}
