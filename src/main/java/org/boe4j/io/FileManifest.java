package org.boe4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The size and SHA-256 of every file of a directory, as its index file records them (a trained model's
 * {@code model.json}, a checkpoint's {@code state.json}, converted weights' {@code manifest.json}), and the check of
 * the directory against them. One implementation, so every boe4j directory fails the same way: naming the file, what
 * its index recorded and what was found, and what to do.
 *
 * <p>The check looks at presence and sizes first and hashes only when they all match, so a truncated or missing
 * file is reported without reading hundreds of MB.
 *
 * @param index     the index file the entries were read from (named in every message)
 * @param files     path relative to the index's directory ('/'-separated) -> entry
 * @param writtenBy what wrote the directory, for "modified since ..." ("conversion", "the model was saved")
 * @param remedy    what the user can do about a mismatch (null: the caller says it)
 */
public record FileManifest(Path index, Map<String, Entry> files, String writtenBy, String remedy) {

    /**
     * One file: its size in bytes and SHA-256 (lower-case hex). Serialised by Gson as {@code {"bytes", "sha256"}}
     * inside model cards and checkpoint indexes; the weights manifest names the size "size" ({@link #toJson}).
     */
    public record Entry(long bytes, String sha256) {

        /** The entry of an existing file (hashes it). */
        public static Entry of(Path file) throws IOException {
            return new Entry(Files.size(file), Checksums.sha256(file));
        }
    }

    public FileManifest {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The directory the entries are relative to. */
    public Path dir() {
        Path parent = index.getParent();
        return parent != null ? parent : index.toAbsolutePath().getParent();
    }

    // ------------------------------------------------------------------ write side

    /** The entries of {@code names} (relative to {@code dir}), hashing each, sorted by name. */
    public static TreeMap<String, Entry> hash(Path dir, Collection<String> names) throws IOException {
        TreeMap<String, Entry> out = new TreeMap<>();
        for (String name : names) {
            out.put(name, Entry.of(dir.resolve(name)));
        }
        return out;
    }

    /** The entries of every regular file under {@code dir}, by '/'-separated relative path, sorted. */
    public static TreeMap<String, Entry> hashDirectory(Path dir) throws IOException {
        return hash(dir, filesUnder(dir));
    }

    /** {@code {name: {sizeKey: bytes, "sha256": hex}}}, in map order. */
    public static JsonObject toJson(Map<String, Entry> files, String sizeKey) {
        JsonObject json = new JsonObject();
        files.forEach((name, e) -> {
            JsonObject o = new JsonObject();
            o.addProperty(sizeKey, e.bytes());
            o.addProperty("sha256", e.sha256());
            json.add(name, o);
        });
        return json;
    }

    /**
     * The inverse of {@link #toJson}.
     *
     * @throws IOException naming {@code index} and the entry when an entry lacks its size or checksum
     */
    public static Map<String, Entry> fromJson(JsonObject files, String sizeKey, Path index) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : files.entrySet()) {
            JsonObject o = e.getValue().isJsonObject() ? e.getValue().getAsJsonObject() : null;
            JsonElement size = o == null ? null : o.get(sizeKey);
            JsonElement sha = o == null ? null : o.get("sha256");
            if (size == null || !size.isJsonPrimitive() || sha == null || !sha.isJsonPrimitive()) {
                throw new IOException(index + ": file entry '" + e.getKey() + "' needs \"" + sizeKey
                        + "\" and \"sha256\", found " + e.getValue());
            }
            try {
                out.put(e.getKey(), new Entry(size.getAsLong(), sha.getAsString()));
            } catch (NumberFormatException ex) {
                throw new IOException(index + ": file entry '" + e.getKey() + "': \"" + sizeKey
                        + "\" is not a number of bytes: " + size, ex);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ check side

    /**
     * Every problem of the directory: entries outside it, listed files missing or of another size, then (only when
     * those are all fine) listed files of another SHA-256, then, when {@code exclusive}, files it does not list.
     *
     * @param hashedByCaller files checked for presence and size only, because the caller hashes them as it reads them
     *                       (and report a mismatch with {@link #mismatch})
     * @param exclusive      whether a file the index does not list (besides the index itself) is a problem
     * @return one message per problem, empty when the directory is intact
     */
    public List<String> problems(Set<String> hashedByCaller, boolean exclusive) throws IOException {
        List<String> problems = new ArrayList<>();
        Path dir = dir();
        for (Map.Entry<String, Entry> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey()).normalize();
            if (!file.startsWith(dir.normalize()) || file.equals(dir.normalize())) {
                problems.add(index + ": file entry '" + e.getKey() + "' is not a file inside " + dir);
            } else {
                String p = sizeProblem(file, e.getValue());
                if (p != null) {
                    problems.add(p);
                }
            }
        }
        if (problems.isEmpty()) {
            for (Map.Entry<String, Entry> e : files.entrySet()) {
                if (!hashedByCaller.contains(e.getKey())) {
                    Path file = dir.resolve(e.getKey());
                    String actual = Checksums.sha256(file);
                    if (!actual.equals(e.getValue().sha256())) {
                        problems.add(mismatch(file, actual, e.getValue().sha256()).getMessage());
                    }
                }
            }
        }
        if (exclusive) {
            TreeSet<String> unlisted = new TreeSet<>(filesUnder(dir));
            unlisted.removeAll(files.keySet());
            unlisted.remove(dir.relativize(index).toString().replace('\\', '/'));
            if (!unlisted.isEmpty()) {
                problems.add(dir + ": files not listed in " + index.getFileName() + ": " + unlisted + withRemedy());
            }
        }
        return problems;
    }

    /** Throws the first of {@link #problems}, if any. */
    public void verify(Set<String> hashedByCaller, boolean exclusive) throws IOException {
        List<String> problems = problems(hashedByCaller, exclusive);
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0));
        }
    }

    /** The error for a file whose SHA-256 is {@code actual} where the index recorded {@code expected}. */
    public IOException mismatch(Path file, String actual, String expected) {
        return new IOException(file + ": SHA-256 " + actual + ", but " + index + " says " + expected
                + " (damaged or modified since " + writtenBy + ")" + withRemedy());
    }

    private String sizeProblem(Path file, Entry entry) throws IOException {
        if (!Files.isRegularFile(file)) {
            return file + ": missing, but listed in " + index + withRemedy();
        }
        long size = Files.size(file);
        if (size != entry.bytes()) {
            return file + ": " + size + " bytes, but " + index + " says " + entry.bytes() + " (truncated or replaced)"
                    + withRemedy();
        }
        return null;
    }

    private String withRemedy() {
        return remedy == null ? "" : "; " + remedy;
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
