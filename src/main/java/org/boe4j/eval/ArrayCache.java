package org.boe4j.eval;

import org.boe4j.io.AtomicFiles;
import org.boe4j.io.Checksums;
import org.boe4j.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Arrays an experiment computes once and reuses (document vectors under a frozen encoder, encoded entity names), as
 * {@code .npy} files in one directory that several runs share. Each file is named by what it is and a hash of its
 * key (the text naming everything it was computed from), and a {@code .key} file beside it holds the key itself: a
 * run with other inputs computes its own file instead of replacing another run's, and a key mismatch recomputes.
 */
final class ArrayCache {

    private final Path dir;

    ArrayCache(Path dir) {
        this.dir = dir;
    }

    Path file(String what, String key) {
        return dir.resolve(what + "-" + Checksums.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 12)
                + ".npy");
    }

    /** The cached array of (what, key), computing and storing it when absent or stored under another key. */
    INDArray get(String what, String key, Supplier<INDArray> compute) throws IOException {
        Path file = file(what, key);
        Path keyFile = file.resolveSibling(file.getFileName() + ".key");
        if (Files.exists(file) && Files.exists(keyFile) && Files.readString(keyFile).equals(key)) {
            return Npy.read(file);
        }
        INDArray value = compute.get();
        Npy.write(file, value);
        AtomicFiles.writeString(keyFile, key);
        return value;
    }

    static String sha256(String text) {
        return Checksums.sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
