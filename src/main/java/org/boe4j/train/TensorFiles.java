package org.boe4j.train;

import org.boe4j.io.Npy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named float32 tensors as one {@code .npy} file each ({@link Npy}) inside a directory, with a size + SHA-256
 * entry per file so a reader can reject a damaged or incomplete directory. Chosen over a single-file container
 * because {@code org.boe4j.io.Npy} exists and any NumPy reads the files; the safetensors writer lives on another
 * branch and can replace this class without changing the checkpoint's JSON.
 */
final class TensorFiles {

    /** One file of a checkpoint: its size in bytes and SHA-256. */
    record FileEntry(long bytes, String sha256) {
    }

    /** Parameter names become file names: HF names ("encoder.layer.0.output.dense.weight") qualify. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

    private TensorFiles() {
    }

    /** Writes {@code root/subdir/<name>.npy} for every tensor; returns relative path -> entry. */
    static Map<String, FileEntry> write(Path root, String subdir, Map<String, INDArray> tensors) throws IOException {
        Path dir = root.resolve(subdir);
        Files.createDirectories(dir);
        Map<String, FileEntry> entries = new TreeMap<>();
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
            String name = e.getKey();
            if (!SAFE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("tensor name '" + name + "' cannot be a file name; expected "
                        + SAFE_NAME.pattern());
            }
            if (e.getValue().dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException("tensor " + name + ": checkpoints hold float32, found "
                        + e.getValue().dataType());
            }
            Path file = dir.resolve(name + ".npy");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                Npy.write(out, e.getValue());
            }
            entries.put(subdir + "/" + name + ".npy", new FileEntry(Files.size(file), Checksums.sha256(file)));
        }
        return entries;
    }

    /** Reads every tensor listed in {@code files} under {@code subdir}, by name. */
    static Map<String, INDArray> read(Path root, String subdir, Map<String, FileEntry> files) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        String prefix = subdir + "/";
        for (String rel : files.keySet()) {
            if (rel.startsWith(prefix) && rel.endsWith(".npy") && rel.indexOf('/', prefix.length()) < 0) {
                out.put(rel.substring(prefix.length(), rel.length() - 4), Npy.read(root.resolve(rel)));
            }
        }
        return out;
    }

    /** The combined checksum of the tensors of {@code subdir} (see {@link Checksums#combined}). */
    static String combinedChecksum(String subdir, Map<String, FileEntry> files) {
        Map<String, String> items = new TreeMap<>();
        String prefix = subdir + "/";
        files.forEach((rel, entry) -> {
            if (rel.startsWith(prefix)) {
                items.put(rel.substring(prefix.length()), entry.sha256());
            }
        });
        return Checksums.combined(items);
    }

    /**
     * Checks that every listed file is present with its size and checksum, and that the directory holds no
     * unlisted file besides {@code indexFile}.
     */
    static void verify(Path root, Map<String, FileEntry> files, String indexFile) throws IOException {
        for (Map.Entry<String, FileEntry> e : files.entrySet()) {
            Path file = root.resolve(e.getKey()).normalize();
            if (!file.startsWith(root.normalize())) {
                throw new CorruptCheckpointException(root + "/" + indexFile + ": file entry '" + e.getKey()
                        + "' points outside the directory");
            }
            if (!Files.isRegularFile(file)) {
                throw new CorruptCheckpointException(file + ": listed in " + indexFile + " but missing;"
                        + " the directory is incomplete");
            }
            long size = Files.size(file);
            if (size != e.getValue().bytes()) {
                throw new CorruptCheckpointException(file + ": expected " + e.getValue().bytes() + " bytes, found "
                        + size + " (truncated or damaged)");
            }
            String sha = Checksums.sha256(file);
            if (!sha.equals(e.getValue().sha256())) {
                throw new CorruptCheckpointException(file + ": SHA-256 expected " + e.getValue().sha256()
                        + ", found " + sha + " (damaged)");
            }
        }
        List<String> present;
        try (Stream<Path> walk = Files.walk(root)) {
            present = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
        TreeSet<String> unexpected = new TreeSet<>(present);
        unexpected.removeAll(files.keySet());
        unexpected.remove(indexFile);
        if (!unexpected.isEmpty()) {
            throw new CorruptCheckpointException(root + ": files not listed in " + indexFile + ": " + unexpected);
        }
    }
}
