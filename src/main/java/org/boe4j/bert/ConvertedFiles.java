package org.boe4j.bert;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.boe4j.io.FileManifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code manifest.json} of a directory written by {@code boe4j weights convert} (format {@value #FORMAT} version
 * {@value #FORMAT_VERSION}): the size and SHA-256 of each file, as a {@link FileManifest}; the writer is
 * {@code org.boe4j.bert.convert.WeightsManifest}. The loader reads it here, below the converter, so that every load
 * of converted weights is checked against it.
 */
public final class ConvertedFiles {

    public static final String FILE_NAME = "manifest.json";
    public static final String FORMAT = "boe4j-weights";
    public static final int FORMAT_VERSION = 1;
    /** The manifest's name for a file's size in bytes. */
    public static final String SIZE_KEY = "size";

    private ConvertedFiles() {
    }

    /**
     * The manifest of {@code dir}, or null when it has none (any Hugging Face directory: nothing to check against).
     *
     * @throws IOException naming the manifest when it is there but unreadable, of another format or version
     */
    public static FileManifest read(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!FORMAT.equals(string(json, "format")) || !String.valueOf(FORMAT_VERSION).equals(string(json, "format_version"))) {
                throw new IOException(file + ": format " + string(json, "format") + " version "
                        + string(json, "format_version") + ", expected " + FORMAT + " version " + FORMAT_VERSION);
            }
            JsonElement files = json.get("files");
            if (files == null || !files.isJsonObject()) {
                throw new IOException(file + ": no \"files\" object");
            }
            return new FileManifest(file, FileManifest.fromJson(files.getAsJsonObject(), SIZE_KEY, file),
                    "conversion", remedy(dir));
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a valid " + FORMAT + " manifest (" + e.getMessage() + ")", e);
        }
    }

    /** What to do about a file that does not match: convert again. */
    static String remedy(Path dir) {
        return "convert again with `boe4j weights convert --force --out " + dir + "`";
    }

    private static String string(JsonObject json, String field) {
        JsonElement e = json.get(field);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
