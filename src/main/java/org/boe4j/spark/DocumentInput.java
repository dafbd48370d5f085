package org.boe4j.spark;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.Serializable;
import java.util.Locale;

/**
 * One document to classify: its id (given, or the 1-based line number), text and language.
 * Read from a text file (one document per line), a JSONL file (one object per line) or a Parquet row.
 */
record DocumentInput(String id, String text, String language) implements Serializable {

    /** The input formats of {@code SparkPredict}. */
    enum Format {
        TEXT, JSONL, PARQUET;

        static Format of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown input format \"" + name + "\": expected text, jsonl or"
                        + " parquet", e);
            }
        }
    }

    /** Field (or column) names and the language of documents that name none. */
    record Fields(String id, String text, String language, String defaultLanguage) implements Serializable {
    }

    static DocumentInput ofTextLine(String line, long lineNumber, Fields f) {
        return new DocumentInput(Long.toString(lineNumber), line, f.defaultLanguage());
    }

    /** A JSONL line; a line that is not an object with a string text field is an error naming the line. */
    static DocumentInput ofJsonLine(String line, long lineNumber, Fields f) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(line);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("input line " + lineNumber + ": expected a JSON object, found "
                        + shorten(line));
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("input line " + lineNumber + ": not JSON (" + e.getMessage() + ")", e);
        }
        JsonElement text = o.get(f.text());
        if (text == null || !text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("input line " + lineNumber + ": field \"" + f.text()
                    + "\" missing or not a string (--text-field)");
        }
        JsonElement id = o.get(f.id());
        JsonElement lang = o.get(f.language());
        return new DocumentInput(id == null || id.isJsonNull() ? Long.toString(lineNumber) : id.getAsString(),
                text.getAsString(), lang == null || lang.isJsonNull() ? f.defaultLanguage() : lang.getAsString());
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
