package org.boe4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find the converted M-BERT weights: the system property {@value #PROPERTY}, by default
 * {@value #DEFAULT} relative to the working directory (run.sh runs from the repository root). Produce the directory
 * with {@code ./boe4j weights convert}.
 */
final class BenchWeights {

    static final String PROPERTY = "boe4j.weights";
    static final String DEFAULT = "weights/bert-base-multilingual-cased";

    private BenchWeights() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty(PROPERTY, DEFAULT)).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("model.safetensors"))) {
            throw new IllegalStateException("no converted M-BERT weights in " + dir + " (expected model.safetensors;"
                    + " run ./boe4j weights convert, or point -D" + PROPERTY + "=DIR at a converted copy)");
        }
        return dir;
    }
}
