package org.boe4j.bert.convert;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.boe4j.bert.ConvertedFiles;
import org.boe4j.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
        JsonObject fileEntries = new JsonObject();
        for (String f : files) {
            JsonObject e = new JsonObject();
            e.addProperty("size", Files.size(dir.resolve(f)));
            e.addProperty("sha256", sha256(dir.resolve(f)));
            fileEntries.add(f, e);
        }
        json.add("files", fileEntries);
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
        List<String> problems = new ArrayList<>();
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": missing");
            return problems;
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            problems.add(file + ": not a JSON object (" + e.getMessage() + ")");
            return problems;
        }
        if (!FORMAT.equals(string(json, "format")) || !String.valueOf(FORMAT_VERSION).equals(string(json, "format_version"))) {
            problems.add(file + ": format " + string(json, "format") + " version " + string(json, "format_version")
                    + ", expected " + FORMAT + " version " + FORMAT_VERSION);
            return problems;
        }
        JsonElement filesJson = json.get("files");
        if (filesJson == null || !filesJson.isJsonObject()) {
            problems.add(file + ": no \"files\" object");
            return problems;
        }
        JsonObject files = filesJson.getAsJsonObject();
        for (String required : REQUIRED_FILES) {
            if (!files.has(required)) {
                problems.add(file + ": does not list " + required);
            }
        }
        for (Map.Entry<String, JsonElement> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            long size = e.getValue().getAsJsonObject().get("size").getAsLong();
            if (!Files.isRegularFile(f)) {
                problems.add(f + ": missing");
            } else if (Files.size(f) != size) {
                problems.add(f + ": size " + Files.size(f) + ", manifest says " + size);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        for (Map.Entry<String, JsonElement> e : files.entrySet()) {
            String expected = e.getValue().getAsJsonObject().get("sha256").getAsString();
            String actual = sha256(dir.resolve(e.getKey()));
            if (!actual.equals(expected)) {
                problems.add(dir.resolve(e.getKey()) + ": sha256 " + actual + ", manifest says " + expected);
            }
        }
        return problems;
    }

    private static String string(JsonObject json, String field) {
        JsonElement e = json.get(field);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    public static String sha256(Path file) throws IOException {
        return digest(file, "SHA-256");
    }

    public static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
