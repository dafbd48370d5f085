package org.boe4j.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code results.json} written by {@link ReportWriter} back into {@link ExperimentResults}, so that a run
 * can be continued (more seeds added, then the report rewritten) or a report re-rendered from stored numbers.
 * Summaries, tests and the paper table in the file are derived data and are recomputed, not read.
 */
public final class ResultsJson {

    private ResultsJson() {
    }

    public static ExperimentResults read(Path file) throws IOException {
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a results JSON object: " + e.getMessage(), e);
        }
        String format = string(root, "format", file);
        if (!"boe4j-experiment-results".equals(format)) {
            throw new IOException(file + ": format '" + format + "', expected 'boe4j-experiment-results'");
        }
        int version = root.get("version").getAsInt();
        if (version != ReportWriter.FORMAT_VERSION) {
            throw new IOException(file + ": results format version " + version + ", this boe4j reads version "
                    + ReportWriter.FORMAT_VERSION);
        }
        ExperimentResults r = new ExperimentResults(string(root, "name", file), string(root, "metric", file),
                string(root, "baseline", file));
        r.languages(strings(root.getAsJsonArray("languages")));
        strings(root.getAsJsonArray("variants")).forEach(r::variant);
        List<String> avg = strings(root.getAsJsonArray("average_over"));
        if (!avg.equals(r.languages())) {
            r.averageOver(avg);
        }
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("provenance").entrySet()) {
            r.provenance(e.getKey(), e.getValue().getAsString());
        }
        for (JsonElement c : root.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            String language = string(cell, "language", file);
            if (!cell.has("runs")) {
                continue; // the avg cells are derived
            }
            String variant = string(cell, "variant", file);
            for (JsonElement run : cell.getAsJsonArray("runs")) {
                JsonObject o = run.getAsJsonObject();
                long seed = o.get("seed").getAsLong();
                r.add(variant, language, seed, o.get("value").getAsDouble());
                for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("provenance").entrySet()) {
                    r.runProvenance(variant, language, seed, p.getKey(), p.getValue().getAsString());
                }
            }
        }
        if (root.has("confusion")) {
            for (JsonElement c : root.getAsJsonArray("confusion")) {
                JsonObject o = c.getAsJsonObject();
                List<String> labels = strings(o.getAsJsonArray("labels"));
                ConfusionMatrix m = new ConfusionMatrix(labels);
                JsonArray rows = o.getAsJsonArray("counts_gold_by_predicted");
                for (int g = 0; g < rows.size(); g++) {
                    JsonArray row = rows.get(g).getAsJsonArray();
                    for (int p = 0; p < row.size(); p++) {
                        m.add(labels.get(g), labels.get(p), row.get(p).getAsLong());
                    }
                }
                r.confusion(string(o, "variant", file), string(o, "language", file), o.get("seed").getAsLong(), m);
            }
        }
        return r;
    }

    private static String string(JsonObject o, String field, Path file) throws IOException {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IOException(file + ": missing string field '" + field + "'");
        }
        return e.getAsString();
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
