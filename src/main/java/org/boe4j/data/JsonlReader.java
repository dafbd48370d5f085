package org.boe4j.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled texts from JSON Lines (one JSON object per line, parsed with Gson). The label field holds a
 * string (single-label) or an array of strings (multi-label); the dataset is multi-label if {@code multiLabel}
 * is set, and then a single string is accepted as a one-element list.
 */
public final class JsonlReader {

    /**
     * @param textField  member holding the text
     * @param labelField member holding the label (string) or labels (array of strings)
     * @param idField    member holding an id (string or number), or null to use the line number
     * @param labels     accepted labels in order, or null to accept any (sorted)
     */
    public record Options(String textField, String labelField, String idField, List<String> labels,
                          boolean multiLabel) {
        public Options {
            labels = labels == null ? null : List.copyOf(labels);
        }
    }

    private JsonlReader() {
    }

    public static Dataset read(DataFile file, Options o, String datasetName, String language, String split,
                               BadRowPolicy policy) throws IOException {
        BadRowReport bad = new BadRowReport(policy);
        LabelSpace labels = new LabelSpace(o.labels());
        List<Example> examples = new ArrayList<>();
        Map<String, Long> idLines = new HashMap<>();
        SourceFile source;
        try (Utf8Lines lines = new Utf8Lines(file)) {
            Utf8Lines.Line line;
            while ((line = lines.next()) != null) {
                SourceLocation at = new SourceLocation(file.name(), line.number());
                if (line.isMalformed()) {
                    bad.reject(at, line.malformed());
                    continue;
                }
                if (Text.isBlank(line.text())) {
                    continue;
                }
                JsonObject obj = parseObject(line.text(), at, bad);
                if (obj == null) {
                    continue;
                }
                String text = string(obj, o.textField());
                if (text == null) {
                    bad.reject(at, "field '" + o.textField() + "' missing or not a string");
                    continue;
                }
                if (Text.isBlank(text)) {
                    bad.reject(at, "empty text in field '" + o.textField() + "'");
                    continue;
                }
                List<String> rowLabels = labelsOf(obj.get(o.labelField()), o.multiLabel());
                if (rowLabels == null) {
                    bad.reject(at, "field '" + o.labelField() + "' missing or not "
                            + (o.multiLabel() ? "a string or an array of strings" : "a string"));
                    continue;
                }
                String problem = rowLabels.isEmpty() && !o.multiLabel() ? "empty label" : null;
                for (String l : rowLabels) {
                    if (problem == null) {
                        problem = labels.check(l);
                    }
                }
                if (problem != null) {
                    bad.reject(at, problem + " in field '" + o.labelField() + "'");
                    continue;
                }
                String id = Long.toString(line.number());
                if (o.idField() != null) {
                    id = string(obj, o.idField());
                    if (id == null) {
                        bad.reject(at, "field '" + o.idField() + "' missing or not a string/number");
                        continue;
                    }
                }
                Long first = idLines.putIfAbsent(id, line.number());
                if (first != null) {
                    bad.reject(at, "duplicate id '" + id + "' (first at line " + first + ")");
                    continue;
                }
                rowLabels.forEach(labels::add);
                examples.add(new Example(id, language, text, rowLabels, at));
            }
            source = lines.finish();
        }
        return new Dataset(datasetName, language, split, labels.labels(), o.multiLabel(), examples,
                List.of(source), "", bad);
    }

    /** The line as a JSON object, or null after rejecting it. */
    static JsonObject parseObject(String line, SourceLocation at, BadRowReport bad) throws BadRowException {
        JsonElement e;
        try {
            e = JsonParser.parseString(line);
        } catch (JsonParseException ex) {
            bad.reject(at, "not valid JSON: " + ex.getMessage());
            return null;
        }
        if (!e.isJsonObject()) {
            bad.reject(at, "expected a JSON object, found " + Text.excerpt(line));
            return null;
        }
        return e.getAsJsonObject();
    }

    /** A string or number member as a string; null if missing or of another type. */
    static String string(JsonObject obj, String field) {
        JsonElement e = obj.get(field);
        if (e == null || !e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            return null;
        }
        return e.getAsString();
    }

    private static List<String> labelsOf(JsonElement e, boolean multi) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            out.add(e.getAsString());
            return out;
        }
        if (multi && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                    return null;
                }
                if (!out.contains(x.getAsString())) {
                    out.add(x.getAsString());
                }
            }
            return out;
        }
        return null;
    }
}
