package org.boe4j.train;

import org.boe4j.bert.safetensors.SafetensorsDtype;
import org.boe4j.bert.safetensors.SafetensorsFile;
import org.boe4j.bert.safetensors.TensorInfo;
import org.boe4j.io.Checksums;
import org.boe4j.model.Float32Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Named float32 tensors in safetensors files ({@code org.boe4j.bert.safetensors}, laid out byte for byte as the
 * reference implementation would, so the same tensors always give the same bytes and the same SHA-256), plus a
 * size + SHA-256 entry per file so a reader can reject a damaged or incomplete checkpoint directory.
 */
final class TensorFiles {

    /** One file of a checkpoint: its size in bytes and SHA-256. */
    record FileEntry(long bytes, String sha256) {
    }

    private TensorFiles() {
    }

    /** Writes the tensors (float32, C order) to {@code dir/relative}; returns the file's entry. */
    static FileEntry write(Path dir, String relative, Map<String, INDArray> tensors) throws IOException {
        Path file = dir.resolve(relative);
        Float32Tensors.write(file, tensors);
        return new FileEntry(Files.size(file), Checksums.sha256(file));
    }

    /** Reads the tensors of {@code file} whose names start with {@code prefix}, by name without the prefix. */
    static Map<String, INDArray> read(Path file, String prefix) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            for (TensorInfo t : f.tensors().values()) {
                if (!t.name().startsWith(prefix)) {
                    continue;
                }
                if (t.dtype() != SafetensorsDtype.F32) {
                    throw new CorruptCheckpointException(file + ": tensor '" + t.name() + "' is " + t.dtype()
                            + ", checkpoints hold F32");
                }
                out.put(t.name().substring(prefix.length()), Nd4j.create(f.floats(t.name()), t.shape(), 'c'));
            }
        }
        return out;
    }

    /** Prefixes every name (for several groups of tensors in one file). */
    static Map<String, INDArray> prefixed(String prefix, Map<String, INDArray> tensors) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(prefix + k, v));
        return out;
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
