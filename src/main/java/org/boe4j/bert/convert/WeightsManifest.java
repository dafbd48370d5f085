package org.boe4j.bert.convert;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.boe4j.bert.ConvertedFiles;
import org.boe4j.io.AtomicFiles;
import org.boe4j.io.FileManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code manifest.json} of a converted weights directory: what it was converted from, by which format version,
 * and the size and SHA-256 of every file, so that a directory can be checked (and conversion skipped) cheaply
 * and reproducibly. Every load checks it too ({@link org.boe4j.bert.BertWeights#load}, through
 * {@link ConvertedFiles}, which reads it).
 * <pre>
 * { "format": "boe4j-weights", "format_version": 1, "source": {...}, "tensors": 204, "values": 178565115,
 *   "files": { "model.safetensors": {"size": 714267752, "sha256": "..."}, ... } }
 * </pre>
 */
public final class WeightsManifest {

    public static final String FILE_NAME = ConvertedFiles.FILE_NAME;
    public static final String FORMAT = ConvertedFiles.FORMAT;
    public static final int FORMAT_VERSION = ConvertedFiles.FORMAT_VERSION;
    /** Files every converted directory holds, besides the manifest. */
    public static final List<String> REQUIRED_FILES =
            List.of("config.json", "model.safetensors", "tokenizer.json", "vocab.txt");

    private WeightsManifest() {
    }

    /** Writes the manifest for {@code files} of {@code dir}, hashing each. */
    public static void write(Path dir, List<String> files, JsonObject source, int tensors, long values)
            throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("format_version", FORMAT_VERSION);
        json.add("source", source);
        json.addProperty("tensors", tensors);
        json.addProperty("values", values);
        Map<String, FileManifest.Entry> entries = new LinkedHashMap<>();
        for (String f : files) {
            entries.put(f, FileManifest.Entry.of(dir.resolve(f)));
        }
        json.add("files", FileManifest.toJson(entries, ConvertedFiles.SIZE_KEY));
        AtomicFiles.writeString(dir.resolve(FILE_NAME),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n");
    }

    /**
     * Re-checks a directory against its manifest: format version, the required files, and each listed file's size
     * and SHA-256 (sizes first, so that a truncated file is reported without hashing everything).
     *
     * @return the problems found, empty when the directory is intact
     */
    public static List<String> verify(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of(file + ": missing");
        }
        FileManifest manifest;
        try {
            manifest = ConvertedFiles.read(dir);
        } catch (IOException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (String required : REQUIRED_FILES) {
            if (!manifest.files().containsKey(required)) {
                problems.add(file + ": does not list " + required);
            }
        }
        problems.addAll(manifest.problems(Set.of(), false));
        return problems;
    }
}
