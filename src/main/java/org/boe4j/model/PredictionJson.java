package org.boe4j.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.boe4j.io.TerminalText;

import java.util.List;

/**
 * One prediction as one JSON line, the output format of {@code boe4j predict --json} and of the Spark batch job
 * (org.boe4j.spark.SparkPredict) alike:
 * <pre>
 * {"id":"d1","lang":"en","labels":["sports"],"probabilities":{"business":0.1,"sports":0.9},
 *  "entities":[{"entity":"Paris","commonness":0.9,"start":0,"end":5,"attention":0.7}]}
 * </pre>
 * {@code entities} is present only when asked for; {@code lang} only when the texts have one (a baseline model needs
 * none); {@code "truncated":true,"encodedChars":N} only for a text longer than the encoder's window, of which the
 * model read the first N UTF-16 characters (word pieces and entities alike). Numbers are written in Java's shortest
 * round-trip form, so parsing gives back the same values. Control characters in strings are escaped, C1 ones
 * included ({@link TerminalText#jsonWithEscapedControls}), so that a line is safe to print on a terminal.
 */
public final class PredictionJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .create();

    private PredictionJson() {
    }

    /** @param labelSet the model's labels, in the order of {@link Prediction#probabilities()} */
    public static String line(String id, String language, List<String> labelSet, Prediction p, boolean entities) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("lang", language);
        JsonArray labels = new JsonArray();
        p.labels().forEach(labels::add);
        o.add("labels", labels);
        JsonObject probs = new JsonObject();
        for (int c = 0; c < labelSet.size(); c++) {
            probs.addProperty(labelSet.get(c), p.probabilities()[c]);
        }
        o.add("probabilities", probs);
        if (entities) {
            JsonArray es = new JsonArray();
            for (Prediction.PredictedEntity e : p.entities()) {
                JsonObject j = new JsonObject();
                j.addProperty("entity", e.entity());
                j.addProperty("commonness", e.commonness());
                j.addProperty("start", e.start());
                j.addProperty("end", e.end());
                j.addProperty("attention", e.attention());
                es.add(j);
            }
            o.add("entities", es);
        }
        if (p.truncated()) {
            o.addProperty("truncated", true);
            o.addProperty("encodedChars", p.encodedChars());
        }
        return TerminalText.jsonWithEscapedControls(GSON.toJson(o));
    }
}
