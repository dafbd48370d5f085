package org.boe4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one trained (variant, seed) leaves in {@code runs/<variant>/seed-<s>/result.json}: its training steps, the best
 * dev score early stopping kept and its step, and its {@link LanguageScores} per test language. The experiment passes
 * this record between training and the report; the file keeps the keys it always had, so runs written before this
 * record existed are read (and resumed) unchanged:
 *
 * <pre>
 * {"variant": "boe", "seed": 1, "steps": 230, "best_dev_accuracy": 0.84, "best_step": 184,
 *  "languages": {"fr": {"accuracy": ..., "macro_f1": ..., "confusion": [[...]], "documents": 204}, ...}}
 * </pre>
 *
 * @param metricKey     {@link ExperimentTask#metricKey()}: {@code accuracy} or {@code micro_f1}
 * @param bestDevMetric the best dev score (null when training never evaluated)
 * @param languages     per test language as the experiment names it, in test order
 */
public record RunResult(String variant, long seed, long steps, String metricKey, Double bestDevMetric, long bestStep,
                        Map<String, LanguageScores> languages) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    public RunResult {
        languages = Collections.unmodifiableMap(new LinkedHashMap<>(languages));
    }

    public JsonObject toJson() {
        JsonObject result = new JsonObject();
        result.addProperty("variant", variant);
        result.addProperty("seed", seed);
        result.addProperty("steps", steps);
        result.addProperty("best_dev_" + metricKey, bestDevMetric);
        result.addProperty("best_step", bestStep);
        JsonObject langs = new JsonObject();
        languages.forEach((lang, s) -> langs.add(lang, s.toJson()));
        result.add("languages", langs);
        return result;
    }

    /** Writes {@code result.json} atomically (pretty-printed, as before). */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(toJson()) + "\n");
    }

    /** Reads a {@code result.json} of {@code task}; {@code labels} is the training label list of the run. */
    public static RunResult read(Path file, ExperimentTask task, List<String> labels) throws IOException {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(Files.readString(file));
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("languages")) {
            throw new IOException(file + ": expected a run result object with 'languages'");
        }
        JsonObject o = parsed.getAsJsonObject();
        String key = task.metricKey();
        Map<String, LanguageScores> languages = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("languages").entrySet()) {
            languages.put(e.getKey(), LanguageScores.fromJson(e.getValue().getAsJsonObject(), task.multiLabel(),
                    labels, file + " languages." + e.getKey()));
        }
        JsonElement best = o.get("best_dev_" + key);
        try {
            return new RunResult(o.get("variant").getAsString(), o.get("seed").getAsLong(), o.get("steps").getAsLong(),
                    key, best == null || best.isJsonNull() ? null : best.getAsDouble(), o.get("best_step").getAsLong(),
                    languages);
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException
                 | NumberFormatException e) {
            throw new IOException(file + ": expected variant, seed, steps, best_dev_" + key + " and best_step ("
                    + e + ")", e);
        }
    }
}
