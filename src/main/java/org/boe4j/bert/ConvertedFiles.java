package org.boe4j.bert;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.boe4j.io.Checksums;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code manifest.json} of a directory written by {@code boe4j weights convert} promises: the size and SHA-256
 * of each file (format {@value #FORMAT} version {@value #FORMAT_VERSION}; the writer is
 * {@code org.boe4j.bert.convert.WeightsManifest}). The loader reads it here, below the converter, so that every load
 * of converted weights is checked against it.
 *
 * @param manifest the manifest file
 * @param files    file name -> promise, in manifest order
 */
public record ConvertedFiles(Path manifest, Map<String, Promise> files) {

    public static final String FILE_NAME = "manifest.json";
    public static final String FORMAT = "boe4j-weights";
    public static final int FORMAT_VERSION = 1;

    /** The size and SHA-256 the manifest records for one file. */
    public record Promise(long size, String sha256) {
    }

    /**
     * The manifest of {@code dir}, or null when it has none (any Hugging Face directory: nothing to check against).
     *
     * @throws IOException naming the manifest when it is there but unreadable, of another format or version
     */
    public static ConvertedFiles read(Path dir) throws IOException {
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
            Map<String, Promise> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : files.getAsJsonObject().entrySet()) {
                JsonObject o = e.getValue().getAsJsonObject();
                out.put(e.getKey(), new Promise(o.get("size").getAsLong(), o.get("sha256").getAsString()));
            }
            return new ConvertedFiles(file, Collections.unmodifiableMap(out));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                 | NumberFormatException e) {
            throw new IOException(file + ": not a valid " + FORMAT + " manifest (" + e.getMessage() + ")", e);
        }
    }

    private static String string(JsonObject json, String field) {
        JsonElement e = json.get(field);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    /** What to do about a file that does not match: convert again. */
    public String remedy() {
        return "convert again with `boe4j weights convert --force --out " + manifest.getParent() + "`";
    }

    /**
     * Checks every listed file but {@code skip} (which the caller hashes while reading it): present, of the recorded
     * size and SHA-256. These are the small files (config, tokenizer, vocabulary): a few MB to hash.
     */
    public void checkAllBut(String skip) throws IOException {
        for (Map.Entry<String, Promise> e : files.entrySet()) {
            if (!e.getKey().equals(skip)) {
                Path f = manifest.resolveSibling(e.getKey());
                checkSize(f, e.getValue());
                String sha = Checksums.sha256(f);
                if (!sha.equals(e.getValue().sha256())) {
                    throw mismatch(f, sha, e.getValue().sha256());
                }
            }
        }
    }

    /** Fails when {@code file} is missing or not of the promised size (a truncated file fails before any read). */
    public void checkSize(Path file, Promise p) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing, but listed in " + manifest + "; " + remedy());
        }
        long size = Files.size(file);
        if (size != p.size()) {
            throw new IOException(file + ": " + size + " bytes, but " + manifest + " says " + p.size()
                    + " (truncated or replaced); " + remedy());
        }
    }

    public IOException mismatch(Path file, String actual, String expected) {
        return new IOException(file + ": SHA-256 " + actual + ", but " + manifest + " says " + expected
                + " (damaged or modified since conversion); " + remedy());
    }
}
